package dev.flashsale.console.sales;

import dev.flashsale.console.FormControls;
import dev.flashsale.console.LocalTimes;
import dev.flashsale.console.Styles;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.read.StorefrontPreview.ProductView;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The storefront preview window: a date and time, then the listing and every product as the storefront would answer. */
final class PreviewWindow {
    private final Stage stage = new Stage();

    PreviewWindow(Window owner, PreviewModel model) {
        stage.initOwner(owner);
        stage.setTitle("Storefront preview");
        DatePicker date = FormControls.date("previewDateField", model.date);
        date.setPrefWidth(140);
        TextField time = FormControls.text("previewTimeField", null, 5, model.time);
        Label zone = new Label(LocalTimes.zoneLabel(model.zone()));
        Button show = new Button("Show");
        show.setId("previewShowButton");
        show.setDefaultButton(true);
        show.setOnAction(e -> model.show());
        HBox bar = new HBox(8, new Label("The storefront at"), date, time, zone, show);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("previewError");
        error.getStyleClass().add("form-error");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label summary = new Label();
        summary.setId("previewSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        Label note = new Label("Computed by the storefront's own code with its clock set to that time. The live cache"
                + " is not touched, and shoppers cannot see this.");
        note.getStyleClass().add("figure-caption");
        note.setWrapText(true);

        TableView<ProductView> table = new TableView<>(model.products());
        table.setId("previewTable");
        table.setPlaceholder(new Label("Choose a date and time, then Show."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Product", 220, v -> v.product().name()),
                money(column("Price", 90, v -> Money.format(v.price().price()))),
                money(column("Regular price", 100, v -> Money.format(v.price().regularPrice()))),
                column("Status", 100, v -> v.status().status()),
                column("Sale", 70, v -> v.status().saleId() == null ? "" : "#" + v.status().saleId())));
        TextArea json = new TextArea();
        json.setId("previewListingJson");
        json.setEditable(false);
        json.setStyle("-fx-font-family: monospace;");
        json.textProperty().bind(model.listingJsonProperty());
        VBox listing = new VBox(4, new Label("GET /api/flash-sales/active would answer"), json);
        VBox.setVgrow(json, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, listing);
        split.setDividerPositions(0.55);
        VBox root = new VBox(8, bar, error, summary, split, note);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.setPadding(new Insets(12));
        Scene scene = new Scene(root, 1040, 560);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
    }

    private static TableColumn<ProductView, String> column(String title, double width,
                                                          Function<ProductView, String> value) {
        TableColumn<ProductView, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new SimpleStringProperty(value.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<ProductView, String> money(TableColumn<ProductView, String> c) {
        c.setStyle("-fx-alignment: CENTER-RIGHT;"); // like every price in the console
        return c;
    }

    void show() {
        stage.show();
    }
}
