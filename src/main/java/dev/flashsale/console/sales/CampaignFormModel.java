package dev.flashsale.console.sales;

import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CampaignPlan;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.CampaignAdmin;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The new-campaign form: name, rule, window (in the console's zone, with the sale form's care at
 * daylight-saving changes) and products (picked from the catalog or pasted as SKUs). What needs
 * only the typed values is checked as the user types; what needs the store (unknown SKUs, prices
 * that would not go down, overlaps) comes back as a preview, and Save waits for a preview of the
 * very values shown that has nothing to refuse.
 */
public final class CampaignFormModel extends WindowForm {

    private static final Pattern SKU_SEPARATORS = Pattern.compile("[\\s,;]+");

    public final StringProperty name = new SimpleStringProperty("");
    public final ObjectProperty<CampaignRule.Kind> kind = new SimpleObjectProperty<>(CampaignRule.Kind.PERCENT_OFF);
    /** The rule's number: the percentage, the amount off, or the one price. */
    public final StringProperty amount = new SimpleStringProperty("");
    /** Optional cents every price ends in (".99"). */
    public final StringProperty ending = new SimpleStringProperty("");
    /** The products by SKU, one per line (or separated by spaces, commas or semicolons), as pasted or picked. */
    public final StringProperty skus = new SimpleStringProperty("");

    private final Map<String, String> fieldErrors = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<CampaignPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<String>> problems = new ReadOnlyObjectWrapper<>(List.of());
    /** Counts the edits: a preview answers for one of them, and is shown only if it is still the last. */
    private long edits;
    private boolean checking;

    /** The campaign this form edits (its rule and products), or null for a new one. */
    private Campaign editing;

    public CampaignFormModel(ZoneId zone, Instant now) {
        this(zone, (CampaignAdmin.Current) null);
        window().suggest(now, Duration.ofDays(3));
        check();
    }

    /** A form editing {@code current}'s rule and products; its name and window are shown, not edited here (Shift moves it). */
    public static CampaignFormModel editing(ZoneId zone, CampaignAdmin.Current current) {
        CampaignFormModel form = new CampaignFormModel(zone, current);
        form.check();
        return form;
    }

    private CampaignFormModel(ZoneId zone, CampaignAdmin.Current current) {
        super(zone, "campaign");
        if (current != null) {
            fill(current);
        }
        List<ObservableValue<?>> inputs = new ArrayList<>(List.of(name, kind, amount, ending, skus));
        inputs.addAll(window().inputs());
        for (ObservableValue<?> p : inputs) {
            p.addListener((o, before, after) -> check());
        }
    }

    /** Shows {@code current} as stored: the version an edit is based on. */
    private void fill(CampaignAdmin.Current current) {
        checking = true; // one check once all is set, not one per field
        try {
            Campaign k = current.campaign();
            editing = k;
            name.set(k.name());
            kind.set(k.rule().kind());
            amount.set(k.rule().kind() == CampaignRule.Kind.PERCENT_OFF ? k.rule().value().toPlainString()
                    : k.rule().value().setScale(2).toPlainString());
            ending.set(k.rule().ending() == null ? "" : "." + k.rule().ending().toPlainString().substring(2));
            window().fill(k.startsAt(), k.endsAt());
            skus.set(String.join("\n", current.skus()));
        } finally {
            checking = false;
        }
    }

    /** After a conflict: the form shows the campaign as stored now, and edits are based on it. */
    void reloaded(CampaignAdmin.Current current) {
        fill(current);
        conflictResolved();
        check();
    }

    /** The campaign being edited, as it was read (its version guards the save), or null for a new one. */
    public Campaign editing() {
        return editing;
    }

    /** Re-runs the checks that need no store; the preview shown so far no longer answers for the form. */
    void check() {
        if (checking) {
            return;
        }
        checking = true;
        try {
            edits++;
            fieldErrors.clear();
            String problem = CatalogRules.textProblem("Name", name.get() == null ? "" : name.get().strip(),
                    Campaign.MAX_NAME_LENGTH);
            if (problem != null) {
                fieldErrors.put("name", problem + ".");
            }
            try {
                rule();
            } catch (ValidationException e) {
                fieldErrors.put("rule", sentence(e.getMessage()));
            }
            if (editing == null) {
                window().check(fieldErrors); // an edit keeps the window (it may have started); Shift moves it
            }
            if (skuList().isEmpty()) {
                fieldErrors.put("products", "Add products: pick them from the list or paste their SKUs.");
            }
            plan.set(null);
            problems.set(List.of());
            summary.set(fieldErrors.isEmpty() ? "Checking with the store…" : "");
            // Save waits for the store's preview: valid only once it has answered for these values.
            checked(fieldErrors.isEmpty() ? "" : fieldErrors.values().iterator().next());
        } finally {
            checking = false;
        }
    }

    /** The rule as typed; throws {@link ValidationException} with what is wrong. */
    CampaignRule rule() {
        if (kind.get() == null) {
            throw new ValidationException("rule", "choose a rule: percent off, amount off or a flash price");
        }
        String text = amount.get() == null ? "" : amount.get().strip();
        if (text.isEmpty()) {
            throw new ValidationException("rule", switch (kind.get()) {
                case PERCENT_OFF -> "percent off is required, like 20";
                case AMOUNT_OFF -> "amount off is required, like 5.00";
                case PRICE -> "flash price is required, like 9.99";
            });
        }
        CampaignRule r = switch (kind.get()) {
            case PERCENT_OFF -> CampaignRule.percentOff(text);
            case AMOUNT_OFF -> CampaignRule.amountOff(text);
            case PRICE -> CampaignRule.price(text);
        };
        return r.endingIn(ending.get());
    }

    /** The SKUs typed or picked, each once, in order. */
    public List<String> skuList() {
        String text = skus.get() == null ? "" : skus.get().strip();
        if (text.isEmpty()) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>(Arrays.asList(SKU_SEPARATORS.split(text)));
        unique.remove("");
        return List.copyOf(unique);
    }

    /** Adds the picked products' SKUs to the list (each once). */
    public void add(List<Product> picked) {
        Set<String> all = new LinkedHashSet<>(skuList());
        picked.forEach(p -> all.add(p.sku()));
        skus.set(String.join("\n", all));
    }

    /** What to ask the store to preview, or null while something typed is wrong. */
    CampaignAdmin.Draft draft() {
        if (!fieldErrors.isEmpty()) {
            return null;
        }
        return new CampaignAdmin.Draft(name.get().strip(), window().startsAt(), window().endsAt(), window().zone(), rule(),
                skuList());
    }

    /** Which edit a preview asked now answers for. */
    long edit() {
        return edits;
    }

    /** The store's preview for edit {@code forEdit}; ignored if the form changed since. */
    void showPreview(long forEdit, CampaignAdmin.Preview preview) {
        if (forEdit != edits) {
            return;
        }
        CampaignPlan p = preview.plan();
        plan.set(p);
        List<String> said = preview.problems().stream().map(FieldError::message).toList();
        problems.set(said);
        String figures = p.items().isEmpty() ? "No product can take part." : String.format(Locale.ROOT,
                "%d product%s; discount %s %% to %s %%, average %s %%", p.items().size(),
                p.items().size() == 1 ? "" : "s", pct(p.lowestDiscount().orElseThrow()),
                pct(p.highestDiscount().orElseThrow()), pct(p.averageDiscount().orElseThrow()));
        boolean unchanged = editing != null && preview.changes().none() && rule().equals(editing.rule());
        if (editing != null && !p.items().isEmpty()) {
            CampaignAdmin.Changes ch = preview.changes();
            figures = unchanged ? "Nothing changes yet. " + figures : String.format(Locale.ROOT,
                    "%d added, %d removed, %d new price%s. ", ch.added(), ch.removed(), ch.repriced(),
                    ch.repriced() == 1 ? "" : "s") + figures;
        }
        summary.set(figures);
        checked(!said.isEmpty() ? (said.size() == 1 ? sentence(said.get(0))
                : said.size() + " things stop it: " + sentence(said.get(0)) + " (all listed below)")
                : unchanged ? "Change the rule or the products to save." : null);
    }

    /** The store could not be asked (it is away): say so; Save stays off. */
    void showPreviewFailed(long forEdit, String message) {
        if (forEdit == edits) {
            summary.set("");
            checked("Could not check with the store: " + message);
        }
    }

    private static String pct(BigDecimal p) {
        return p.stripTrailingZeros().toPlainString();
    }

    private static String sentence(String message) {
        String m = message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }

    /** The message about {@code field} ("name", "rule", "start", "end", "products"), or null. */
    public String fieldError(String field) {
        return fieldErrors.get(field);
    }

    /** The store's plan for the values shown, or null while none answers for them. */
    public ReadOnlyObjectProperty<CampaignPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** "3 products; discount 20 % to 25 %, average 21.5 %", or what is being done. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Every reason the store would refuse the campaign as shown (unknown SKUs, prices, overlaps). */
    public ReadOnlyObjectProperty<List<String>> problemsProperty() {
        return problems.getReadOnlyProperty();
    }

}
