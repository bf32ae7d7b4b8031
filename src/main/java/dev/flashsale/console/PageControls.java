package dev.flashsale.console;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The pieces the catalog's pages share: New / Edit / Delete over a table (Edit and Delete act on
 * the selected row, so they are disabled while there is none), and the outcome line at the foot.
 * Ids are part of the UI contract (docs/testing.md).
 */
public final class PageControls {

    private PageControls() {
    }

    /**
     * New, Edit and Delete… for the rows of {@code table}; {@code idPart} is the ids' middle
     * ("Sale": newSaleButton, editSaleButton, deleteSaleButton).
     */
    public static HBox newEditDelete(String idPart, String newText, TableView<?> table, Runnable create,
                                     Runnable edit, Runnable delete) {
        Button add = button("new" + idPart + "Button", newText, create);
        Button change = button("edit" + idPart + "Button", "Edit", edit);
        change.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button remove = button("delete" + idPart + "Button", "Delete…", delete);
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        HBox bar = new HBox(8, add, change, remove);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Puts the line that says what the last command did ("Saved product AUD-001.") at the foot of {@code page}. */
    public static Label messageLine(BorderPane page, String id, ObservableStringValue text) {
        Label message = new Label();
        message.setId(id);
        message.textProperty().bind(text);
        page.setBottom(message);
        BorderPane.setMargin(message, new Insets(4, 10, 4, 10));
        return message;
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
