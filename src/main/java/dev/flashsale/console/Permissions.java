package dev.flashsale.console;

import dev.flashsale.store.Database;
import dev.flashsale.store.StoreRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;

/**
 * What the login may do, shown on the controls: a control whose action the store would refuse
 * this role stays visible but disabled, with a tooltip naming the role that may. The store is
 * what enforces it (PostgreSQL refuses the statement); this only keeps people from trying.
 */
public final class Permissions {

    /** The controls that change something, and the role each needs. */
    static final Map<String, StoreRole> NEEDS = Map.ofEntries(
            Map.entry("newSaleButton", StoreRole.ADMIN),
            Map.entry("editSaleButton", StoreRole.ADMIN),
            Map.entry("deleteSaleButton", StoreRole.ADMIN),
            Map.entry("importSalesButton", StoreRole.ADMIN),
            Map.entry("newCampaignButton", StoreRole.ADMIN),
            Map.entry("editCampaignButton", StoreRole.ADMIN),
            Map.entry("shiftCampaignButton", StoreRole.ADMIN),
            Map.entry("campaignCancelButton", StoreRole.ADMIN),
            Map.entry("newProductButton", StoreRole.ADMIN),
            Map.entry("editProductButton", StoreRole.ADMIN),
            Map.entry("deleteProductButton", StoreRole.ADMIN),
            Map.entry("invalidateNamespaceButton", StoreRole.OPERATOR),
            Map.entry("invalidateSelectedButton", StoreRole.OPERATOR),
            Map.entry("clearCacheButton", StoreRole.OPERATOR),
            Map.entry("warmUpButton", StoreRole.OPERATOR),
            Map.entry("auditRetentionField", StoreRole.ADMIN),
            Map.entry("saveRetentionButton", StoreRole.ADMIN));

    private Permissions() {
    }

    /**
     * FX thread: disables, under {@code page}, every control {@code access} may not use, saying who
     * may. Again with a lower role (read after a refusal), it disables more and says the new role;
     * a control once disabled stays so (a higher role takes a restart).
     */
    public static void apply(Node page, Database.Access access) {
        NEEDS.forEach((id, needed) -> {
            if (access.may(needed)) {
                return;
            }
            Node control = find(page, id);
            if (control != null) {
                forbid(control, access.readOnlyFile() != null
                        ? "The database file " + access.readOnlyFile() + " is read-only for " + access.user()
                                + ": you may look, not change anything."
                        : "Needs " + needed.pgRole() + " (" + needed.label() + "); you are " + access + ".");
            }
        });
    }

    /**
     * The node {@code id} under {@code node}, before anything is shown: {@link Node#lookup} sees a
     * split pane's or a scroll pane's content only once their skins exist, which is after the
     * window shows them.
     */
    static Node find(Node node, String id) {
        if (id.equals(node.getId())) {
            return node;
        }
        List<Node> under = new ArrayList<>();
        if (node instanceof SplitPane split) {
            under.addAll(split.getItems());
        } else if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            under.add(scroll.getContent());
        } else if (node instanceof Parent parent) {
            under.addAll(parent.getChildrenUnmodifiable());
        }
        for (Node n : under) {
            Node found = find(n, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Whether {@code now} may do less than {@code before} (no role is least). */
    public static boolean lessThan(Database.Access now, Database.Access before) {
        if (now.role() == null) {
            return before.role() != null;
        }
        return before.role() != null && before.role().covers(now.role()) && !now.role().covers(before.role());
    }

    private static void forbid(Node control, String why) {
        if (reason(control) != null) { // already disabled: only the reason changes
            control.getProperties().put("forbidden", why);
            if (control.getParent() instanceof StackPane wrapper && wrapper.getStyleClass().contains("forbidden")) {
                Tooltip.uninstall(wrapper, (Tooltip) wrapper.getProperties().get("forbiddenTip"));
                Tooltip tip = new Tooltip(why);
                wrapper.getProperties().put("forbiddenTip", tip);
                Tooltip.install(wrapper, tip);
            }
            return;
        }
        if (control.disableProperty().isBound()) {
            control.disableProperty().unbind();
        }
        control.setDisable(true);
        // a page that enables it later (a selection, a running campaign) does not undo this
        control.disableProperty().addListener((o, was, now) -> {
            if (!now) {
                control.setDisable(true);
            }
        });
        // a disabled control shows no tooltip: the tooltip goes on a wrapper the pointer still reaches
        Parent parent = control.getParent();
        if (parent instanceof Pane pane) {
            int at = pane.getChildren().indexOf(control);
            StackPane wrapper = new StackPane();
            wrapper.getStyleClass().add("forbidden");
            pane.getChildren().set(at, wrapper);
            wrapper.getChildren().add(control);
            Tooltip tip = new Tooltip(why);
            wrapper.getProperties().put("forbiddenTip", tip);
            Tooltip.install(wrapper, tip);
        }
        control.getProperties().put("forbidden", why);
    }

    /**
     * Why the control {@code id} under {@code page} is not this login's to use, or null: for the
     * ways around a button (a shortcut, a double click), which then say so instead of opening a
     * form the store would refuse.
     */
    public static String refusal(Node page, String id) {
        Node control = find(page, id);
        return control == null ? null : reason(control);
    }

    /**
     * For the ways around a button: true, and {@code say} told why, when this login's role may
     * not use the action of the control {@code id} under {@code page}.
     */
    public static boolean refuse(Node page, String id, Consumer<String> say) {
        String why = refusal(page, id);
        if (why != null) {
            say.accept(why);
        }
        return why != null;
    }

    /** The reason a control is disabled for this login, or null (tests read what the tooltip says). */
    public static String reason(Node control) {
        return (String) control.getProperties().get("forbidden");
    }
}
