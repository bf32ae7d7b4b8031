package dev.flashsale.console.products;

import dev.flashsale.console.FormState;
import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The product form's state and its live checks: the domain's rules, heard while typing (SKU
 * uniqueness is checked by the domain on save). Every string a field can hold yields either a
 * message or a product the domain accepts.
 */
public final class ProductFormModel extends FormState {
    private static final Pattern WHOLE = Pattern.compile("\\+?[0-9]{1,12}");
    private static final Pattern NEGATIVE = Pattern.compile("-[0-9]{1,12}");
    static final int MAX_STOCK = 999_999_999;

    private Product editing;
    public final StringProperty sku = new SimpleStringProperty("");
    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty price = new SimpleStringProperty("");
    public final StringProperty stock = new SimpleStringProperty("0");

    /** A form for a new product (editing null) or for {@code editing}. */
    public ProductFormModel(Product editing) {
        if (editing != null) {
            fill(editing);
        }
        for (Observable o : new Observable[] {sku, name, price, stock}) {
            o.addListener(x -> check());
        }
        check();
    }

    private void fill(Product p) {
        editing = p;
        sku.set(p.sku());
        name.set(p.name());
        price.set(Money.format(p.regularPrice()));
        stock.set(Integer.toString(p.stock()));
    }

    public Product editing() {
        return editing;
    }

    private void check() {
        String message = error(sku.get(), name.get(), price.get(), stock.get());
        checked(message);
    }

    /** The first thing wrong with these field texts, or null when the product can be saved. */
    static String error(String sku, String name, String price, String stock) {
        String problem = CatalogRules.textProblem("SKU", sku == null ? "" : sku.strip(), CatalogRules.MAX_SKU_LENGTH);
        if (problem == null) {
            problem = CatalogRules.textProblem("Name", name == null ? "" : name.strip(), CatalogRules.MAX_NAME_LENGTH);
        }
        if (problem != null) {
            return problem + ".";
        }
        if (price == null || price.isBlank()) {
            return "Regular price is required.";
        }
        BigDecimal p = Money.parse(price);
        if (p == null) {
            return "Regular price must be a number, like 59.00.";
        }
        if (p.signum() <= 0) {
            return "Regular price must be greater than 0.";
        }
        if (p.stripTrailingZeros().scale() > 2) {
            return "Regular price must have at most 2 decimals.";
        }
        if (p.compareTo(CatalogRules.MAX_PRICE) >= 0) {
            return "Regular price must be below 1,000,000,000.";
        }
        String q = stock == null ? "" : stock.strip();
        if (NEGATIVE.matcher(q).matches()) {
            return "Stock must not be negative.";
        }
        if (!WHOLE.matcher(q).matches()) {
            return "Stock must be a whole number, like 25.";
        }
        if (Long.parseLong(q.startsWith("+") ? q.substring(1) : q) > MAX_STOCK) {
            return "Stock must be at most 999,999,999.";
        }
        return null;
    }

    /** The product the form describes; only while {@link #validProperty()} is true. */
    public Product toProduct() {
        if (!validProperty().get()) {
            throw new IllegalStateException("the form is not valid: " + errorProperty().get());
        }
        String q = stock.get().strip();
        return new Product(editing == null ? 0 : editing.id(), sku.get().strip(), name.get().strip(),
                Money.parse(price.get()), Integer.parseInt(q.startsWith("+") ? q.substring(1) : q),
                editing == null ? 0 : editing.version());
    }

    /** The product as stored now; one that is gone makes this a form for a new product with the same values. */
    void reload(Product current) {
        conflictResolved();
        if (current == null) {
            editing = null;
        } else {
            fill(current);
        }
        check();
    }

}
