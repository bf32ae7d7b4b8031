package dev.flashsale.testkit;

import dev.flashsale.sale.Product;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;

/** The Products tab: the catalog and the product form. */
public final class ProductsPage {
    private final ConsoleDriver console;
    private final TableView<Product> table;

    @SuppressWarnings("unchecked")
    ProductsPage(ConsoleDriver console) {
        this.console = console;
        this.table = Fx.find(console.robot(), Ids.PRODUCTS_TABLE, TableView.class, "the Products tab");
    }

    /** The products shown, in the table's order. */
    public List<Product> rows() {
        return Fx.call(() -> List.copyOf(table.getItems()));
    }

    /** Opens the form for a new product. */
    public ProductForm newProduct() {
        console.robot().clickOn(Fx.find(console.robot(), Ids.NEW_PRODUCT, Button.class, "the Products tab"));
        return new ProductForm(console);
    }

    /** Opens the form for the product with this SKU. */
    public ProductForm edit(String sku) {
        Fx.waitUntil("product " + sku + " is in the table", () -> table.getItems().stream().anyMatch(p -> p.sku().equals(sku)));
        Fx.run(() -> table.getSelectionModel().select(table.getItems().stream().filter(p -> p.sku().equals(sku))
                .findFirst().orElseThrow()));
        console.robot().clickOn(Fx.find(console.robot(), Ids.EDIT_PRODUCT, Button.class, "the Products tab"));
        return new ProductForm(console);
    }
}
