package dev.flashsale.console;

import dev.flashsale.sale.CatalogAdmin;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sale form's state and its live checks (the same rules the domain enforces, so the user
 * hears about them while typing; the domain checks again on save, with overlaps).
 */
public final class SaleFormModel {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final ZoneId zone;
    private final FlashSale editing;
    final ObjectProperty<Product> product = new SimpleObjectProperty<>();
    final StringProperty flashPrice = new SimpleStringProperty("");
    final ObjectProperty<LocalDate> startDate = new SimpleObjectProperty<>();
    final StringProperty startTime = new SimpleStringProperty("");
    final ObjectProperty<LocalDate> endDate = new SimpleObjectProperty<>();
    final StringProperty endTime = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper priceInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final Map<String, String> fieldErrors = new LinkedHashMap<>();

    /** A form for a new sale (editing null) or for {@code editing}. */
    public SaleFormModel(ZoneId zone, FlashSale editing, Product editingProduct, Instant now) {
        this.zone = zone;
        this.editing = editing;
        if (editing != null) {
            product.set(editingProduct);
            flashPrice.set(Money.format(editing.flashPrice()));
            ZonedDateTime s = editing.startsAt().atZone(zone);
            ZonedDateTime e = editing.endsAt().atZone(zone);
            startDate.set(s.toLocalDate());
            startTime.set(TIME.format(s));
            endDate.set(e.toLocalDate());
            endTime.set(TIME.format(e));
        } else {
            // A sensible start: the next full hour, for two hours.
            ZonedDateTime s = now.atZone(zone).plusHours(1).withMinute(0).withSecond(0).withNano(0);
            startDate.set(s.toLocalDate());
            startTime.set(TIME.format(s));
            endDate.set(s.plusHours(2).toLocalDate());
            endTime.set(TIME.format(s.plusHours(2)));
        }
        for (var p : new javafx.beans.Observable[] {product, flashPrice, startDate, startTime, endDate, endTime}) {
            p.addListener(o -> check());
        }
        check();
    }

    public FlashSale editing() {
        return editing;
    }

    /** Re-runs every check; the first message goes to {@link #errorProperty()}. */
    void check() {
        fieldErrors.clear();
        Product p = product.get();
        if (p == null) {
            fieldErrors.put("product", "Choose a product.");
        }
        BigDecimal price = Money.parse(flashPrice.get());
        if (flashPrice.get() == null || flashPrice.get().isBlank()) {
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
        Instant start = instant(startDate.get(), startTime.get(), "start");
        Instant end = instant(endDate.get(), endTime.get(), "end");
        if (start != null && end != null) {
            Duration window = Duration.between(start, end);
            if (!end.isAfter(start)) {
                fieldErrors.put("end", "End must be after start.");
            } else if (window.compareTo(CatalogAdmin.MIN_WINDOW) < 0) {
                fieldErrors.put("end", "A sale must last at least 1 minute.");
            } else if (window.compareTo(CatalogAdmin.MAX_WINDOW) > 0) {
                fieldErrors.put("end", "A sale must last at most 30 days.");
            }
        }
        error.set(fieldErrors.isEmpty() ? "" : fieldErrors.values().iterator().next());
        valid.set(fieldErrors.isEmpty());
        priceInfo.set(priceInfo(p, price));
    }

    private Instant instant(LocalDate date, String time, String field) {
        String label = field.equals("start") ? "Start" : "End";
        if (date == null) {
            fieldErrors.put(field, label + " date is required.");
            return null;
        }
        LocalTime t;
        try {
            t = LocalTime.parse(time == null ? "" : time.strip(), DateTimeFormatter.ofPattern("H:mm", Locale.ROOT));
        } catch (DateTimeParseException e) {
            fieldErrors.put(field, label + " time must look like 09:30.");
            return null;
        }
        return ZonedDateTime.of(date, t, zone).toInstant();
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

    /** Shows a message from the domain (e.g. an overlap) after a save was refused. */
    void showDomainError(String message) {
        error.set(message);
    }

    public Instant startsAt() {
        return instant(startDate.get(), startTime.get(), "start");
    }

    public Instant endsAt() {
        return instant(endDate.get(), endTime.get(), "end");
    }

    public BigDecimal flashPriceValue() {
        return Money.parse(flashPrice.get());
    }

    /** The message about {@code field}, or null. */
    public String fieldError(String field) {
        return fieldErrors.get(field);
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty priceInfoProperty() {
        return priceInfo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
