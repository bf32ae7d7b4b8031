package dev.flashsale.console.sales;

import dev.flashsale.console.Styles;
import dev.flashsale.console.LocalTimes;
import dev.flashsale.console.SafeConverters;

import dev.flashsale.sale.Product;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
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
        javafx.collections.ObservableList<Product> choices = javafx.collections.FXCollections.observableArrayList(
                catalog.products());
        javafx.collections.ListChangeListener<Product> follow = c -> {
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

        TextField price = new TextField();
        price.setId("flashPriceField");
        price.setPromptText("39.90");
        price.textProperty().bindBidirectional(form.flashPrice);

        DatePicker startDate = new DatePicker();
        startDate.setId("startDateField");
        SafeConverters.install(startDate);
        startDate.valueProperty().bindBidirectional(form.startDate);
        TextField startTime = new TextField();
        startTime.setId("startTimeField");
        startTime.setPrefColumnCount(5);
        startTime.setPromptText("09:00");
        startTime.textProperty().bindBidirectional(form.startTime);
        DatePicker endDate = new DatePicker();
        endDate.setId("endDateField");
        SafeConverters.install(endDate);
        endDate.valueProperty().bindBidirectional(form.endDate);
        TextField endTime = new TextField();
        endTime.setId("endTimeField");
        endTime.setPrefColumnCount(5);
        endTime.setPromptText("18:00");
        endTime.textProperty().bindBidirectional(form.endTime);
        String zone = form.zone().getId() + " (" + form.zone().getDisplayName(TextStyle.SHORT, Locale.getDefault()) + ")";

        Label error = new Label();
        error.setId("formError");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMaxWidth(520);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.textProperty().bind(form.errorProperty());

        Button save = new Button(form.editing() == null ? "Create sale" : "Save");
        save.setId("saveSaleButton");
        save.setDefaultButton(true);
        save.disableProperty().bind(form.validProperty().not().or(form.conflictProperty()));
        save.setOnAction(e -> catalog.save(form, stage::close));
        Button reload = new Button("Reload");
        reload.setId("reloadSaleButton");
        reload.setTooltip(new javafx.scene.control.Tooltip("Show the sale as it is stored now (your changes are dropped)"));
        reload.visibleProperty().bind(form.conflictProperty());
        reload.managedProperty().bind(reload.visibleProperty());
        reload.setOnAction(e -> catalog.reloadForm(form));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelSaleButton");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(90),
                new javafx.scene.layout.ColumnConstraints(520));
        grid.addRow(0, new Label("Product"), product);
        grid.add(priceInfo, 1, 1);
        grid.addRow(2, new Label("Flash price"), price);
        Label startZone = new Label(zone);
        Label endZone = new Label(zone);
        startZone.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        endZone.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        startDate.setPrefWidth(140);
        endDate.setPrefWidth(140);
        HBox startRow = new HBox(6, startDate, startTime, startZone,
                offsetChoice("startOffsetField", form.startOffsets(), form.startOffsetProperty(), form, true));
        HBox endRow = new HBox(6, endDate, endTime, endZone,
                offsetChoice("endOffsetField", form.endOffsets(), form.endOffsetProperty(), form, false));
        startRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        endRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.addRow(3, new Label("Start"), startRow);
        grid.add(note("startTimeNote", form.startNoteProperty()), 1, 4);
        grid.addRow(5, new Label("End"), endRow);
        grid.add(note("endTimeNote", form.endNoteProperty()), 1, 6);
        HBox buttons = new HBox(8, save, reload, cancel);
        VBox root = new VBox(12, grid, error, buttons);
        root.setPadding(new Insets(16));
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        // A note or a longer message appears: grow the window to show it whole.
        for (javafx.beans.value.ObservableValue<String> text : List.of(form.startNoteProperty(), form.endNoteProperty(),
                form.errorProperty())) {
            text.addListener((o, a, b) -> javafx.application.Platform.runLater(stage::sizeToScene));
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

    /** Says when a typed time is skipped or repeated by a daylight-saving change; hidden otherwise. */
    private static Label note(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("form-note");
        l.setWrapText(true);
        l.setMaxWidth(520);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap onto more lines, never cut with "..."
        l.textProperty().bind(text);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** The offset of a time that happens twice (autumn change); shown only then. */
    private static javafx.scene.control.ChoiceBox<java.time.ZoneOffset> offsetChoice(String id,
            javafx.collections.ObservableList<java.time.ZoneOffset> choices,
            javafx.beans.property.ObjectProperty<java.time.ZoneOffset> chosen, SaleFormModel form, boolean start) {
        javafx.scene.control.ChoiceBox<java.time.ZoneOffset> box = new javafx.scene.control.ChoiceBox<>(choices);
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(java.time.ZoneOffset o) {
                return start ? LocalTimes.label(form.startDate.get(), timeOrNull(form.startTime.get()), form.zone(), o)
                        : LocalTimes.label(form.endDate.get(), timeOrNull(form.endTime.get()), form.zone(), o);
            }

            @Override
            public java.time.ZoneOffset fromString(String s) {
                return null;
            }
        });
        box.valueProperty().bindBidirectional(chosen);
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(choices));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static java.time.LocalTime timeOrNull(String text) {
        return LocalTimes.parseTime(text).time();
    }

    private ValidationResult result(javafx.scene.control.Control c, String field) {
        String message = form.fieldError(field);
        return ValidationResult.fromMessageIf(c, message == null ? "" : message, Severity.ERROR, message != null);
    }

    void show() {
        stage.show();
    }
}
