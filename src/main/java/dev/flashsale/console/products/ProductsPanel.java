package dev.flashsale.console.products;

import dev.flashsale.console.Styles;
import dev.flashsale.console.MoneyCell;

import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/** The Products tab: the catalog, and a form to add or edit a product. */
public final class ProductsPanel {

    private final ProductsModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<Product> table = new TableView<>();

    public ProductsPanel(ProductsModel model) {
        this.model = model;
        Button add = new Button("New product");
        add.setId("newProductButton");
        add.setOnAction(e -> openForm(null));
        Button edit = new Button("Edit");
        edit.setId("editProductButton");
        edit.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        edit.setOnAction(e -> openForm(table.getSelectionModel().getSelectedItem()));
        Button delete = new Button("Delete…");
        delete.setId("deleteProductButton");
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> deleteSelected());
        HBox bar = new HBox(8, add, edit, delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        root.setTop(bar);
        BorderPane.setMargin(bar, new Insets(10, 10, 6, 10));

        table.setId("productsTable");
        table.setPlaceholder(new Label("No products yet. Add one with New product."));
        TableColumn<Product, String> sku = new TableColumn<>("SKU");
        sku.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().sku()));
        TableColumn<Product, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().name()));
        name.setPrefWidth(320);
        TableColumn<Product, BigDecimal> price = new TableColumn<>("Regular price");
        price.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().regularPrice()));
        price.setCellFactory(c -> new MoneyCell<>());
        price.setPrefWidth(120);
        TableColumn<Product, Number> stock = new TableColumn<>("Stock");
        stock.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().stock()));
        stock.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().setAll(List.of(sku, name, price, stock));
        var sorted = new javafx.collections.transformation.SortedList<>(model.products());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(tv -> {
            TableRow<Product> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openForm(row.getItem());
                }
            });
            return row;
        });
        root.setCenter(table);
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        root.setBottom(message);
        BorderPane.setMargin(message, new Insets(4, 10, 4, 10));
    }

    public Node node() {
        return root;
    }

    private void deleteSelected() {
        Product p = table.getSelectionModel().getSelectedItem();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + p.name() + " (" + p.sku() + ")?",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Delete this product?");
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.deleteProduct(p));
    }

    /** The product form: the same rules as the domain, checked as you type; SKU uniqueness on save. */
    private void openForm(Product editing) {
        ProductFormModel form = new ProductFormModel(editing);
        Stage stage = new Stage();
        stage.initOwner(root.getScene().getWindow());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(editing == null ? "New product" : "Edit " + editing.name());
        TextField sku = new TextField();
        sku.setId("productSkuField");
        sku.textProperty().bindBidirectional(form.skuProperty());
        TextField name = new TextField();
        name.setId("productNameField");
        name.setPrefColumnCount(28);
        name.textProperty().bindBidirectional(form.nameProperty());
        TextField price = new TextField();
        price.setId("productPriceField");
        price.setPromptText("59.00");
        price.textProperty().bindBidirectional(form.priceProperty());
        TextField stock = new TextField();
        stock.setId("productStockField");
        stock.textProperty().bindBidirectional(form.stockProperty());
        Label error = new Label();
        error.setId("productFormError");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.textProperty().bind(form.errorProperty());
        Button save = new Button("Save");
        save.setId("saveProductButton");
        save.setDefaultButton(true);
        save.disableProperty().bind(form.validProperty().not().or(form.conflictProperty()));
        save.setOnAction(e -> model.saveProduct(form, stage::close));
        Button reload = new Button("Reload");
        reload.setId("reloadProductButton");
        reload.setTooltip(new javafx.scene.control.Tooltip("Show the product as it is stored now (your changes are dropped)"));
        reload.visibleProperty().bind(form.conflictProperty());
        reload.managedProperty().bind(reload.visibleProperty());
        reload.setOnAction(e -> model.reloadForm(form));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelProductButton");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("SKU"), sku);
        grid.addRow(1, new Label("Name"), name);
        grid.addRow(2, new Label("Regular price"), price);
        grid.addRow(3, new Label("Stock"), stock);
        VBox box = new VBox(12, grid, error, new HBox(8, save, reload, cancel));
        box.setPadding(new Insets(16));
        Scene scene = new Scene(box);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        stage.show();
    }
}
