package dev.flashsale.testkit;

import dev.flashsale.sale.Product;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * The sale form, filled as a user fills it: the product picked from its list, prices and times
 * typed, dates picked. Times are wall-clock times in the machine's zone, as shown on screen.
 */
public final class SaleForm {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String WHERE = "the sale form";

    private final ConsoleDriver console;
    private final Button save;
    private final Label error;
    private final Window window;

    SaleForm(ConsoleDriver console) {
        this.console = console;
        this.save = Fx.find(console.robot(), Ids.SAVE_SALE, Button.class, WHERE);
        this.error = Fx.find(console.robot(), Ids.FORM_ERROR, Label.class, WHERE);
        this.window = Fx.call(() -> save.getScene().getWindow());
    }

    /** Picks the product whose name is {@code name} (the list shows "Name  (SKU)"). */
    @SuppressWarnings("unchecked")
    public SaleForm product(String name) {
        ComboBox<Product> box = Fx.find(console.robot(), Ids.PRODUCT_FIELD, ComboBox.class, WHERE);
        Fx.waitUntil("product \"" + name + "\" is in the form's list",
                () -> box.getItems().stream().anyMatch(p -> p.name().equals(name)));
        Fx.run(() -> box.setValue(box.getItems().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()));
        return this;
    }

    /** Types the flash price, replacing what the field held. */
    public SaleForm flashPrice(String text) {
        type(Ids.FLASH_PRICE_FIELD, text);
        return this;
    }

    public SaleForm starts(LocalDateTime at) {
        return when(Ids.START_DATE_FIELD, Ids.START_TIME_FIELD, at);
    }

    public SaleForm ends(LocalDateTime at) {
        return when(Ids.END_DATE_FIELD, Ids.END_TIME_FIELD, at);
    }

    private SaleForm when(String dateId, String timeId, LocalDateTime at) {
        DatePicker date = Fx.find(console.robot(), dateId, DatePicker.class, WHERE);
        Fx.run(() -> date.setValue(at.toLocalDate()));
        type(timeId, HM.format(at));
        return this;
    }

    private void type(String id, String text) {
        Fx.type(console.robot(), id, text, WHERE);
    }

    /** What the form says is wrong; empty when nothing is. */
    public String error() {
        return Fx.call(error::getText);
    }

    public boolean canSave() {
        return !Fx.call(save::isDisabled);
    }

    /** Saves and waits until the form closes; fails with the form's own message if it refuses. */
    public void save() {
        if (!canSave()) {
            throw new AssertionError("the sale form cannot be saved: " + error());
        }
        console.robot().clickOn(save);
        try {
            Fx.waitUntil("the sale form closes after Save", () -> !window.isShowing() || !error().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("the sale form did not close after Save; it says: '" + error() + "'", e);
        }
        if (Fx.call(window::isShowing)) {
            throw new AssertionError("the sale was not saved: " + error());
        }
    }

    /** Clicks Save expecting a refusal (an overlap, another window's change); returns the message. */
    public String saveExpectingRefusal() {
        String before = error();
        console.robot().clickOn(save);
        Fx.waitUntil("the sale form shows why it refused to save", () -> !error().isEmpty() && !error().equals(before)
                || !window.isShowing());
        if (!Fx.call(window::isShowing)) {
            throw new AssertionError("the sale was saved, but a refusal was expected");
        }
        return error();
    }

    public void cancel() {
        console.robot().clickOn(Fx.find(console.robot(), Ids.CANCEL_SALE, Button.class, WHERE));
        Fx.waitUntil("the sale form closes", () -> !window.isShowing());
    }
}
