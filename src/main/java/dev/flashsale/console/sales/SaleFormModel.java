package dev.flashsale.console.sales;

import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The sale form's state and its live checks (the same rules the domain enforces, so the user
 * hears about them while typing; the domain checks again on save, with overlaps). Every text a
 * field can hold yields either a message or a sale the domain accepts; no input throws.
 */
public final class SaleFormModel extends WindowForm {

    private FlashSale editing;
    public final ObjectProperty<Product> product = new SimpleObjectProperty<>();
    public final StringProperty flashPrice = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper priceInfo = new ReadOnlyStringWrapper("");
    private final Map<String, String> fieldErrors = new LinkedHashMap<>();
    private boolean checking;

    /** A form for a new sale (editing null) or for {@code editing}. */
    public SaleFormModel(ZoneId zone, FlashSale editing, Product editingProduct, Instant now) {
        super(zone, "sale");
        if (editing != null) {
            fill(editing, editingProduct);
        } else {
            window().suggest(now, Duration.ofHours(2)); // the next full hour, for two hours
        }
        // Change listeners, not invalidation listeners: an offset set during a check must still be
        // heard the next time the user changes it.
        List<ObservableValue<?>> inputs = new ArrayList<>(List.of(product, flashPrice));
        inputs.addAll(window().inputs());
        for (ObservableValue<?> p : inputs) {
            p.addListener((o, before, after) -> check());
        }
        check();
    }

    private void fill(FlashSale sale, Product p) {
        editing = sale;
        product.set(p);
        flashPrice.set(Money.format(sale.flashPrice()));
        window().fill(sale.startsAt(), sale.endsAt());
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
        window().check(fieldErrors);
        checked(fieldErrors.isEmpty() ? null : fieldErrors.values().iterator().next());
        priceInfo.set(priceInfo(p, price));
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

    public BigDecimal flashPriceValue() {
        return Money.parse(flashPrice.get());
    }

    /** The message about {@code field}, or null. */
    public String fieldError(String field) {
        return fieldErrors.get(field);
    }

    public ReadOnlyStringProperty priceInfoProperty() {
        return priceInfo.getReadOnlyProperty();
    }
}
