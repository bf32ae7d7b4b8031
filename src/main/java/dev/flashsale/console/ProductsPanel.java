package dev.flashsale.console;

import dev.flashsale.sale.CatalogAdmin;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
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

    private final CatalogModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<Product> table = new TableView<>();

    public ProductsPanel(CatalogModel model) {
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
        Stage stage = new Stage();
        stage.initOwner(root.getScene().getWindow());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(editing == null ? "New product" : "Edit " + editing.name());
        TextField sku = new TextField(editing == null ? "" : editing.sku());
        sku.setId("productSkuField");
        TextField name = new TextField(editing == null ? "" : editing.name());
        name.setId("productNameField");
        name.setPrefColumnCount(28);
        TextField price = new TextField(editing == null ? "" : Money.format(editing.regularPrice()));
        price.setId("productPriceField");
        TextField stock = new TextField(editing == null ? "0" : Integer.toString(editing.stock()));
        stock.setId("productStockField");
        Label error = new Label();
        error.setId("productFormError");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMaxWidth(420);
        Button save = new Button("Save");
        save.setId("saveProductButton");
        save.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelProductButton");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());

        Runnable check = () -> {
            String message = productError(sku.getText(), name.getText(), price.getText(), stock.getText());
            error.setText(message == null ? "" : message);
            save.setDisable(message != null);
        };
        for (TextField f : List.of(sku, name, price, stock)) {
            f.textProperty().addListener(o -> check.run());
        }
        check.run();
        save.setOnAction(e -> {
            Product p = new Product(editing == null ? 0 : editing.id(), sku.getText().strip(), name.getText().strip(),
                    Money.parse(price.getText()), Integer.parseInt(stock.getText().strip()));
            model.saveProduct(p, stage::close, (ValidationException refused) -> error.setText(refused.getMessage()));
        });

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("SKU"), sku);
        grid.addRow(1, new Label("Name"), name);
        grid.addRow(2, new Label("Regular price"), price);
        grid.addRow(3, new Label("Stock"), stock);
        VBox box = new VBox(12, grid, error, new HBox(8, save, cancel));
        box.setPadding(new Insets(16));
        Scene scene = new Scene(box);
        scene.getStylesheets().add(ProductsPanel.class.getResource("console.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    static String productError(String sku, String name, String price, String stock) {
        if (sku == null || sku.isBlank()) {
            return "SKU is required.";
        }
        if (name == null || name.isBlank()) {
            return "Name is required.";
        }
        if (name.strip().length() > CatalogAdmin.MAX_NAME_LENGTH) {
            return "Name must be at most " + CatalogAdmin.MAX_NAME_LENGTH + " characters.";
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
        try {
            if (Integer.parseInt(stock == null ? "" : stock.strip()) < 0) {
                return "Stock must not be negative.";
            }
        } catch (NumberFormatException e) {
            return "Stock must be a whole number.";
        }
        return null;
    }
}
