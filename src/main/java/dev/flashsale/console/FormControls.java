package dev.flashsale.console;

import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The controls every form of the console builds the same way, bound to its model: fields, the
 * error line, and Save / Reload / Cancel. Ids are part of the UI contract (docs/testing.md).
 */
public final class FormControls {

    private FormControls() {
    }

    /** A text field bound both ways to {@code value}; {@code columns} 0 keeps the default width. */
    public static TextField text(String id, String prompt, int columns, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        if (prompt != null) {
            field.setPromptText(prompt);
        }
        if (columns > 0) {
            field.setPrefColumnCount(columns);
        }
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** A date picker bound both ways to {@code value}, whose typed text never throws. */
    public static DatePicker date(String id, ObjectProperty<LocalDate> value) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        SafeConverters.install(picker);
        picker.valueProperty().bindBidirectional(value);
        return picker;
    }

    /** The form's message line: wraps onto more lines, never cut with "...". */
    public static Label error(String id, double maxWidth, FormState form) {
        Label error = new Label();
        error.setId(id);
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.setMaxWidth(maxWidth);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(form.errorProperty());
        return error;
    }

    /**
     * Save (enabled while the form is valid and not in conflict), Reload (shown only after a
     * conflict: it drops the user's changes for what is stored now) and Cancel. {@code thing} names
     * what is edited ("sale"), {@code idPart} the ids' middle ("Sale": saveSaleButton).
     */
    public static HBox buttons(String idPart, String saveText, String thing, FormState form, Runnable save,
                               Runnable reload, Runnable cancel) {
        Button saveButton = new Button(saveText);
        saveButton.setId("save" + idPart + "Button");
        saveButton.setDefaultButton(true);
        saveButton.disableProperty().bind(form.validProperty().not().or(form.conflictProperty()));
        saveButton.setOnAction(e -> save.run());
        Button reloadButton = new Button("Reload");
        reloadButton.setId("reload" + idPart + "Button");
        reloadButton.setTooltip(new Tooltip("Show the " + thing + " as it is stored now (your changes are dropped)"));
        reloadButton.visibleProperty().bind(form.conflictProperty());
        reloadButton.managedProperty().bind(reloadButton.visibleProperty());
        reloadButton.setOnAction(e -> reload.run());
        Button cancelButton = new Button("Cancel");
        cancelButton.setId("cancel" + idPart + "Button");
        cancelButton.setCancelButton(true);
        cancelButton.setOnAction(e -> cancel.run());
        return new HBox(8, saveButton, reloadButton, cancelButton);
    }
}
