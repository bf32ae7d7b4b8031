package dev.flashsale.console.sales;

import dev.flashsale.console.FormState;
import dev.flashsale.console.LocalTimes;
import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sale form's state and its live checks (the same rules the domain enforces, so the user
 * hears about them while typing; the domain checks again on save, with overlaps). Every text a
 * field can hold yields either a message or a sale the domain accepts; no input throws.
 */
public final class SaleFormModel extends FormState {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final ZoneId zone;
    private FlashSale editing;
    public final ObjectProperty<Product> product = new SimpleObjectProperty<>();
    public final StringProperty flashPrice = new SimpleStringProperty("");
    public final ObjectProperty<LocalDate> startDate = new SimpleObjectProperty<>();
    public final StringProperty startTime = new SimpleStringProperty("");
    public final ObjectProperty<LocalDate> endDate = new SimpleObjectProperty<>();
    public final StringProperty endTime = new SimpleStringProperty("");
    /** The offset chosen for a start or end time that happens twice (autumn change); null otherwise. */
    public final ObjectProperty<ZoneOffset> startOffset = new SimpleObjectProperty<>();
    public final ObjectProperty<ZoneOffset> endOffset = new SimpleObjectProperty<>();
    private final ObservableList<ZoneOffset> startOffsets = FXCollections.observableArrayList();
    private final ObservableList<ZoneOffset> endOffsets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper startNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper endNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper priceInfo = new ReadOnlyStringWrapper("");
    private final Map<String, String> fieldErrors = new LinkedHashMap<>();
    private boolean checking;

    /** A form for a new sale (editing null) or for {@code editing}. */
    public SaleFormModel(ZoneId zone, FlashSale editing, Product editingProduct, Instant now) {
        this.zone = zone;
        if (editing != null) {
            fill(editing, editingProduct);
        } else {
            // A sensible start: the next full hour, for two hours.
            ZonedDateTime s = now.atZone(zone).plusHours(1).withMinute(0).withSecond(0).withNano(0);
            startDate.set(s.toLocalDate());
            startTime.set(TIME.format(s));
            endDate.set(s.plusHours(2).toLocalDate());
            endTime.set(TIME.format(s.plusHours(2)));
        }
        // Change listeners, not invalidation listeners: an offset set during a check must still be
        // heard the next time the user changes it.
        for (ObservableValue<?> p : List.of(product, flashPrice, startDate, startTime, endDate,
                endTime, startOffset, endOffset)) {
            p.addListener((o, before, after) -> check());
        }
        check();
    }

    private void fill(FlashSale sale, Product p) {
        editing = sale;
        product.set(p);
        flashPrice.set(Money.format(sale.flashPrice()));
        ZonedDateTime s = sale.startsAt().atZone(zone);
        ZonedDateTime e = sale.endsAt().atZone(zone);
        startDate.set(s.toLocalDate());
        startTime.set(TIME.format(s));
        startOffset.set(s.getOffset());
        endDate.set(e.toLocalDate());
        endTime.set(TIME.format(e));
        endOffset.set(e.getOffset());
    }

    public FlashSale editing() {
        return editing;
    }

    /** Re-runs every check; the first message goes to {@link #errorProperty()}. */
    void check() {
        if (checking) {
            return; // an offset list changing below re-enters through the listeners
        }
        checking = true;
        try {
            doCheck();
        } finally {
            checking = false;
        }
    }

    private void doCheck() {
        fieldErrors.clear();
        Product p = product.get();
        if (p == null) {
            fieldErrors.put("product", "Choose a product.");
        }
        String priceText = flashPrice.get();
        BigDecimal price = Money.parse(priceText);
        if (priceText == null || priceText.isBlank()) {
            fieldErrors.put("flashPrice", "Flash price is required.");
        } else if (price == null) {
            fieldErrors.put("flashPrice", "Flash price must be a number, like 39.90.");
        } else if (price.signum() <= 0) {
            fieldErrors.put("flashPrice", "Flash price must be greater than 0.");
        } else if (price.stripTrailingZeros().scale() > 2) {
            fieldErrors.put("flashPrice", "Flash price must have at most 2 decimals.");
        } else if (p != null && price.compareTo(p.regularPrice()) >= 0) {
            fieldErrors.put("flashPrice", "Flash price must be below the regular price of " + Money.format(p.regularPrice()) + ".");
        }
        LocalTimes.Resolved start = resolve(startDate.get(), startTime.get(), startOffset, startOffsets, "start");
        LocalTimes.Resolved end = resolve(endDate.get(), endTime.get(), endOffset, endOffsets, "end");
        startNote.set(start == null ? "" : start.note());
        endNote.set(end == null ? "" : end.note());
        if (start != null && end != null) {
            Duration window = Duration.between(start.instant(), end.instant());
            if (!end.instant().isAfter(start.instant())) {
                fieldErrors.put("end", "End must be after start.");
            } else if (window.compareTo(CatalogRules.MIN_WINDOW) < 0) {
                fieldErrors.put("end", "A sale must last at least 1 minute.");
            } else if (window.compareTo(CatalogRules.MAX_WINDOW) > 0) {
                fieldErrors.put("end", "A sale must last at most 30 days.");
            }
        }
        checked(fieldErrors.isEmpty() ? null : fieldErrors.values().iterator().next());
        priceInfo.set(priceInfo(p, price));
    }

    /** Resolves one date and time; keeps the offset choices in step; records a field error on failure. */
    private LocalTimes.Resolved resolve(LocalDate date, String text, ObjectProperty<ZoneOffset> offset,
                                        ObservableList<ZoneOffset> choices, String field) {
        LocalTime t = parseTime(date, text, field);
        if (t == null) {
            choices.clear();
            return null;
        }
        LocalTimes.Resolved r = LocalTimes.resolve(date, t, zone, offset.get(), field);
        if (!choices.equals(r.choices())) {
            choices.setAll(r.choices());
        }
        if (!r.choices().isEmpty() && (offset.get() == null || !r.choices().contains(offset.get()))) {
            offset.set(r.choices().get(0));
        }
        return r;
    }

    private LocalTime parseTime(LocalDate date, String time, String field) {
        String label = field.equals("start") ? "Start" : "End";
        if (date == null) {
            fieldErrors.put(field, label + " date is required.");
            return null;
        }
        String dateProblem = LocalTimes.dateProblem(date);
        if (dateProblem != null) {
            fieldErrors.put(field, label + " " + dateProblem);
            return null;
        }
        LocalTimes.Typed typed = LocalTimes.parseTime(time);
        if (typed.time() == null) {
            fieldErrors.put(field, label + " " + typed.problem());
        }
        return typed.time();
    }

    private static String priceInfo(Product p, BigDecimal price) {
        if (p == null) {
            return "";
        }
        String regular = "regular price " + Money.format(p.regularPrice());
        if (price == null || price.signum() <= 0 || price.compareTo(p.regularPrice()) >= 0) {
            return regular;
        }
        BigDecimal off = BigDecimal.ONE.subtract(price.divide(p.regularPrice(), 4, RoundingMode.HALF_UP))
                .multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP);
        return regular + ", " + off.toPlainString() + " % off";
    }

    /**
     * Replaces the form's fields with the sale as it is stored now (after a conflict). A sale that
     * is gone makes this a form for a new sale with the same values.
     */
    void reload(FlashSale current, Product currentProduct) {
        conflictResolved();
        if (current == null) {
            editing = null;
            check();
            return;
        }
        fill(current, currentProduct);
        check();
    }

    public Instant startsAt() {
        LocalTimes.Resolved r = resolveQuietly(startDate.get(), startTime.get(), startOffset.get(), "start");
        return r == null ? null : r.instant();
    }

    public Instant endsAt() {
        LocalTimes.Resolved r = resolveQuietly(endDate.get(), endTime.get(), endOffset.get(), "end");
        return r == null ? null : r.instant();
    }

    private LocalTimes.Resolved resolveQuietly(LocalDate date, String text, ZoneOffset offset, String verb) {
        LocalTime t = LocalTimes.parseTime(text).time();
        return date == null || t == null ? null : LocalTimes.resolve(date, t, zone, offset, verb);
    }

    public BigDecimal flashPriceValue() {
        return Money.parse(flashPrice.get());
    }

    /** The message about {@code field}, or null. */
    public String fieldError(String field) {
        return fieldErrors.get(field);
    }

    /** The two offsets of a start time that happens twice; empty otherwise. */
    public ObservableList<ZoneOffset> startOffsets() {
        return FXCollections.unmodifiableObservableList(startOffsets);
    }

    public ObservableList<ZoneOffset> endOffsets() {
        return FXCollections.unmodifiableObservableList(endOffsets);
    }

    /** What the form says about the start time (a skipped or repeated local time); empty when plain. */
    public ReadOnlyStringProperty startNoteProperty() {
        return startNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endNoteProperty() {
        return endNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty priceInfoProperty() {
        return priceInfo.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
