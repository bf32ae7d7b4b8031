package dev.flashsale.console.sales;

import dev.flashsale.console.FormControls;
import dev.flashsale.console.LocalTimes;
import dev.flashsale.console.Styles;
import dev.flashsale.sale.Product;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/** The sale form, in its own window. Enter saves, Esc cancels; Save is off while the form is invalid. */
final class SaleFormDialog {

    private final Stage stage = new Stage();
    private final SaleFormModel form;

    SaleFormDialog(Window owner, SalesModel catalog, SaleFormModel form) {
        this.form = form;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(form.editing() == null ? "New flash sale" : "Edit flash sale #" + form.editing().id());

        // The catalog's list is replaced when another window or process changes it; the dialog keeps
        // a list of its own and carries the chosen product over by id, so a change elsewhere never
        // empties (or silently swaps) what the user picked.
        ObservableList<Product> choices = FXCollections.observableArrayList(
                catalog.products());
        ListChangeListener<Product> follow = c -> {
            Product chosen = form.product.get();
            choices.setAll(catalog.products());
            if (chosen != null) {
                form.product.set(choices.stream().filter(p -> p.id() == chosen.id()).findFirst().orElse(chosen));
            }
        };
        catalog.products().addListener(follow);
        stage.setOnHidden(e -> catalog.products().removeListener(follow));
        SearchableComboBox<Product> product = new SearchableComboBox<>(choices);
        product.setId("productField");
        product.setConverter(new StringConverter<>() {
            @Override
            public String toString(Product p) {
                return p == null ? "" : p.name() + "  (" + p.sku() + ")";
            }

            @Override
            public Product fromString(String s) {
                return null;
            }
        });
        product.setMaxWidth(Double.MAX_VALUE);
        product.valueProperty().bindBidirectional(form.product);
        Label priceInfo = new Label();
        priceInfo.setId("priceInfo");
        priceInfo.textProperty().bind(form.priceInfoProperty());
        priceInfo.getStyleClass().add("figure-caption");

        TextField price = FormControls.text("flashPriceField", "39.90", 0, form.flashPrice);
        DatePicker startDate = FormControls.date("startDateField", form.startDate);
        TextField startTime = FormControls.text("startTimeField", "09:00", 5, form.startTime);
        DatePicker endDate = FormControls.date("endDateField", form.endDate);
        TextField endTime = FormControls.text("endTimeField", "18:00", 5, form.endTime);
        String zone = LocalTimes.zoneLabel(form.zone());

        Label error = FormControls.error("formError", 520, form);
        HBox buttons = FormControls.buttons("Sale", form.editing() == null ? "Create sale" : "Save", "sale", form,
                () -> catalog.save(form, stage::close), () -> catalog.reloadForm(form), stage::close);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.getColumnConstraints().addAll(new ColumnConstraints(90),
                new ColumnConstraints(520));
        grid.addRow(0, new Label("Product"), product);
        grid.add(priceInfo, 1, 1);
        grid.addRow(2, new Label("Flash price"), price);
        Label startZone = new Label(zone);
        Label endZone = new Label(zone);
        startZone.setMinWidth(Region.USE_PREF_SIZE);
        endZone.setMinWidth(Region.USE_PREF_SIZE);
        startDate.setPrefWidth(140);
        endDate.setPrefWidth(140);
        HBox startRow = new HBox(6, startDate, startTime, startZone,
                WindowControls.offsetChoice("startOffsetField", form.startOffsets(), form.startOffset, form.startDate::get,
                        form.startTime::get, form.zone()));
        HBox endRow = new HBox(6, endDate, endTime, endZone,
                WindowControls.offsetChoice("endOffsetField", form.endOffsets(), form.endOffset, form.endDate::get,
                        form.endTime::get, form.zone()));
        startRow.setAlignment(Pos.CENTER_LEFT);
        endRow.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(3, new Label("Start"), startRow);
        grid.add(WindowControls.note("startTimeNote", form.startNoteProperty(), 520), 1, 4);
        grid.addRow(5, new Label("End"), endRow);
        grid.add(WindowControls.note("endTimeNote", form.endNoteProperty(), 520), 1, 6);
        VBox root = new VBox(12, grid, error, buttons);
        root.setPadding(new Insets(16));
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        // A note or a longer message appears: grow the window to show it whole.
        for (ObservableValue<String> text : List.of(form.startNoteProperty(), form.endNoteProperty(),
                form.errorProperty())) {
            text.addListener((o, a, b) -> Platform.runLater(stage::sizeToScene));
        }

        // ControlsFX decorations show which field is wrong, from the same checks as the message.
        ValidationSupport decorations = new ValidationSupport();
        decorations.registerValidator(product, false, (c, v) -> result(c, "product"));
        decorations.registerValidator(price, false, (c, v) -> result(c, "flashPrice"));
        decorations.registerValidator(startTime, false, (c, v) -> result(c, "start"));
        decorations.registerValidator(endTime, false, (c, v) -> result(c, "end"));
        for (Observable o : new Observable[] {form.product, form.flashPrice, form.startDate, form.startTime,
            form.endDate, form.endTime}) {
            o.addListener(x -> decorations.revalidate());
        }
    }

    private ValidationResult result(Control c, String field) {
        String message = form.fieldError(field);
        return ValidationResult.fromMessageIf(c, message == null ? "" : message, Severity.ERROR, message != null);
    }

    void show() {
        stage.show();
    }
}
