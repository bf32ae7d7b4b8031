package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheLimits;
import dev.flashsale.console.SafeConverters;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Cache page's controls: which entries (this process's or the shared tier), a key filter,
 * invalidate a namespace, the selection or everything (each asking first and saying what it costs),
 * warm-up, the default TTL and size bound while running, and simulated shoppers.
 */
final class CacheToolbar {

    private final CachePanelModel model;
    private final ShopperSimulator shoppers;
    private final ClusterModel cluster;
    private final Consumer<Runnable> fx;
    private final TableView<CacheEntryRow> table;
    private final TableView<SharedEntryRow> sharedTable;
    private final Node owner;

    CacheToolbar(CachePanelModel model, ShopperSimulator shoppers, ClusterModel cluster, Consumer<Runnable> fx,
                 TableView<CacheEntryRow> table, TableView<SharedEntryRow> sharedTable, Node owner) {
        this.model = model;
        this.shoppers = shoppers;
        this.cluster = cluster;
        this.fx = fx;
        this.table = table;
        this.sharedTable = sharedTable;
        this.owner = owner;
    }

    /** The two rows of controls, built once. */
    Node build() {
        TextField filter = new TextField();
        filter.setId("cacheFilterField");
        filter.setPromptText("Filter keys");
        filter.setPrefColumnCount(14);

        ComboBox<String> namespace = new ComboBox<>(model.entries().namespaces());
        namespace.setId("namespaceField");
        namespace.setPromptText("namespace");
        Button invalidateNs = new Button("Invalidate namespace");
        invalidateNs.setId("invalidateNamespaceButton");
        invalidateNs.disableProperty().bind(namespace.valueProperty().isNull());
        invalidateNs.setOnAction(e -> {
            String ns = namespace.getValue();
            if (confirm("Invalidate namespace", "Invalidate every entry of namespace \"" + ns + "\"?",
                    model.entries().impactOfNamespace(ns))) {
                model.invalidateNamespace(ns, fx);
            }
        });

        ComboBox<ClusterModel.Scope> scope = new ComboBox<>(FXCollections.observableArrayList(
                ClusterModel.Scope.values()));
        scope.setId("cacheScope");
        scope.setValue(cluster.scopeProperty().get());
        scope.disableProperty().bind(cluster.clusteredProperty().not());
        scope.setTooltip(new Tooltip("This process's own cache, or the cluster's shared tier in Redis"
                + " (start with --redis to join a cluster)"));
        scope.valueProperty().addListener((o, a, b) -> cluster.choose(b));

        Button invalidateSelected = new Button("Invalidate selected");
        invalidateSelected.setId("invalidateSelectedButton");
        invalidateSelected.disableProperty().bind(Bindings.when(sharedTable.visibleProperty())
                .then(Bindings.isEmpty(sharedTable.getSelectionModel().getSelectedItems()))
                .otherwise(Bindings.isEmpty(table.getSelectionModel().getSelectedItems())));
        invalidateSelected.setOnAction(e -> {
            if (sharedTable.isVisible()) {
                List<String> keys = sharedTable.getSelectionModel().getSelectedItems().stream()
                        .map(SharedEntryRow::key).toList();
                if (confirm("Invalidate selected", "Invalidate the " + keys.size() + " selected shared "
                        + (keys.size() == 1 ? "entry" : "entries") + " on the whole cluster?",
                        model.entries().impactOfKeys(keys))) {
                    model.invalidateKeys(keys, fx);
                    sharedTable.getSelectionModel().clearSelection(); // the list follows Redis again
                }
                return;
            }
            List<CacheEntryRow> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
            if (confirm("Invalidate selected", "Invalidate the " + selected.size() + " selected "
                    + (selected.size() == 1 ? "entry?" : "entries?"), model.entries().impactOf(selected))) {
                model.invalidate(selected, fx);
            }
        });

        Button clear = new Button("Clear cache…");
        clear.setId("clearCacheButton");
        clear.getStyleClass().add("danger");
        clear.setOnAction(e -> confirmClear());

        Button warm = new Button("Warm up");
        warm.setId("warmUpButton");
        warm.setTooltip(new Tooltip("Load the active listing and the prices of products on sale"));
        warm.setOnAction(e -> model.warmUp(fx));

        Spinner<Integer> ttl = spinner("ttlSpinner", 0, (int) CacheLimits.MAX_TTL_SECONDS,
                (int) model.cache().defaultTtl().toSeconds(), 5, 80, seconds -> model.setTtlSeconds(seconds, fx));
        Spinner<Integer> max = spinner("maxEntriesSpinner", CacheLimits.MIN_ENTRIES, CacheLimits.MAX_ENTRIES,
                model.cache().maxEntries(), 1000, 110, entries -> model.setMaxEntries(entries, fx));

        ToggleButton simulate = new ToggleButton("Simulate shoppers");
        simulate.setId("simulateToggle");
        Slider rate = new Slider(1, 500, shoppers.rate());
        rate.setId("simulateRate");
        rate.setPrefWidth(120);
        Label rateLabel = new Label();
        rateLabel.textProperty().bind(Bindings.format(Locale.ROOT, "%.0f req/s", rate.valueProperty()));
        rate.valueProperty().addListener((o, a, b) -> shoppers.setRate(b.intValue()));
        simulate.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                shoppers.start();
            } else {
                shoppers.stop();
            }
        });

        filter.textProperty().addListener((o, a, text) -> {
            model.entries().setFilter(text);
            cluster.setFilter(text);
        });

        HBox actions = new HBox(8, scope, filter, namespace, invalidateNs, invalidateSelected, clear);
        HBox settings = new HBox(8, warm, new Separator(Orientation.VERTICAL), new Label("default TTL (s)"), ttl,
                new Label("max entries"), max, new Separator(Orientation.VERTICAL), simulate, rate, rateLabel);
        for (HBox bar : List.of(actions, settings)) {
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getChildren().forEach(n -> {
                if (n instanceof Control c && !(n instanceof TextField) && !(n instanceof Slider)) {
                    c.setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        return new VBox(6, actions, settings);
    }

    private void confirmClear() {
        if (confirm("Clear the cache", "Clear the whole cache?", model.entries().impactOfAll())) {
            model.clear(fx);
        }
    }

    /**
     * Asks before a bulk invalidation and says what it costs: how many entries go, how many hits
     * they served in the last minute, and that their next requests go to the store.
     */
    private boolean confirm(String title, String header, EntryTable.Impact impact) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, impact.describe(), ButtonType.OK, ButtonType.CANCEL);
        confirm.setTitle(title);
        confirm.setHeaderText(header);
        confirm.getDialogPane().setId("invalidateConfirmation");
        confirm.initOwner(owner.getScene() == null ? null : owner.getScene().getWindow());
        return confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /**
     * An editable spinner over the same limits as the command line's option ({@link CacheLimits}):
     * JavaFX replaces an initial value outside a spinner's range with its minimum, so a narrower
     * range would show a setting the cache does not have.
     */
    private static Spinner<Integer> spinner(String id, int min, int max, int initial, int step, double width,
                                            Consumer<Integer> onChange) {
        Spinner<Integer> spinner = new Spinner<>(min, max, initial, step);
        spinner.setId(id);
        spinner.setEditable(true);
        SafeConverters.install(spinner);
        spinner.setPrefWidth(width);
        spinner.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                onChange.accept(b);
            }
        });
        return spinner;
    }
}
