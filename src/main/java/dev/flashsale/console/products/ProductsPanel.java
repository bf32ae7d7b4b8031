package dev.flashsale.console.products;

import dev.flashsale.console.FormControls;
import dev.flashsale.console.PageControls;
import dev.flashsale.console.Permissions;
import dev.flashsale.console.Styles;
import dev.flashsale.console.Tables;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.util.List;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/** The Products tab: the catalog, and a form to add or edit a product. */
final class ProductsPanel {

    private final ProductsModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<Product> table = new TableView<>();

    public ProductsPanel(ProductsModel model) {
        this.model = model;
        HBox bar = PageControls.newEditDelete("Product", "New product", table, () -> openForm(null),
                () -> openForm(table.getSelectionModel().getSelectedItem()), this::deleteSelected);
        root.setTop(bar);
        BorderPane.setMargin(bar, new Insets(10, 10, 6, 10));

        table.setId("productsTable");
        table.setPlaceholder(new Label("No products yet. Add one with New product."));
        TableColumn<Product, String> sku = Tables.column("SKU", Product::sku, 0);
        TableColumn<Product, String> name = Tables.column("Name", Product::name, 320);
        TableColumn<Product, BigDecimal> price = Tables.moneyColumn("Regular price", Product::regularPrice, 120);
        TableColumn<Product, Integer> stock = Tables.column("Stock", Product::stock, 0);
        stock.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().setAll(List.of(sku, name, price, stock));
        var sorted = new SortedList<>(model.catalog().products());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Tables.onDoubleClick(table, this::openForm);
        root.setCenter(table);
        PageControls.messageLine(root, null, model.catalog().messageProperty());
    }

    public Node node() {
        return root;
    }

    private void deleteSelected() {
        if (refused("deleteProductButton")) {
            return;
        }
        Product p = table.getSelectionModel().getSelectedItem();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + p.name() + " (" + p.sku() + ")?",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Delete this product?");
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.deleteProduct(p));
    }

    /** True (and the page says why) when this login's role may not use the control {@code id}'s action. */
    private boolean refused(String id) {
        return Permissions.refuse(root, id, model.catalog()::say);
    }

    /** The product form: the same rules as the domain, checked as you type; SKU uniqueness on save. */
    private void openForm(Product editing) {
        if (refused(editing == null ? "newProductButton" : "editProductButton")) {
            return;
        }
        ProductFormModel form = new ProductFormModel(editing);
        Stage stage = new Stage();
        stage.initOwner(root.getScene().getWindow());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(editing == null ? "New product" : "Edit " + editing.name());
        TextField sku = FormControls.text("productSkuField", null, 0, form.sku);
        TextField name = FormControls.text("productNameField", null, 28, form.name);
        TextField price = FormControls.text("productPriceField", "59.00", 0, form.price);
        TextField stock = FormControls.text("productStockField", null, 0, form.stock);
        Label error = FormControls.error("productFormError", 420, form);
        HBox buttons = FormControls.buttons("Product", "Save", "product", form,
                () -> model.saveProduct(form, stage::close), () -> model.reloadForm(form), stage::close);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("SKU"), sku);
        grid.addRow(1, new Label("Name"), name);
        grid.addRow(2, new Label("Regular price"), price);
        grid.addRow(3, new Label("Stock"), stock);
        VBox box = new VBox(12, grid, error, buttons);
        box.setPadding(new Insets(16));
        Scene scene = new Scene(box);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        stage.show();
    }
}
