package dev.flashsale.testkit;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** The product form, typed into as a user does. */
public final class ProductForm {
    private static final String WHERE = "the product form";
    private final ConsoleDriver console;
    private final Button save;
    private final Label error;
    private final Window window;

    ProductForm(ConsoleDriver console) {
        this.console = console;
        this.save = Fx.find(console.robot(), Ids.SAVE_PRODUCT, Button.class, WHERE);
        this.error = Fx.find(console.robot(), Ids.PRODUCT_FORM_ERROR, Label.class, WHERE);
        this.window = Fx.call(() -> save.getScene().getWindow());
    }

    public ProductForm sku(String text) {
        return type(Ids.PRODUCT_SKU_FIELD, text);
    }

    public ProductForm name(String text) {
        return type(Ids.PRODUCT_NAME_FIELD, text);
    }

    public ProductForm regularPrice(String text) {
        return type(Ids.PRODUCT_PRICE_FIELD, text);
    }

    public ProductForm stock(String text) {
        return type(Ids.PRODUCT_STOCK_FIELD, text);
    }

    private ProductForm type(String id, String text) {
        Fx.type(console.robot(), id, text, WHERE);
        return this;
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
            throw new AssertionError("the product form cannot be saved: " + error());
        }
        console.robot().clickOn(save);
        Fx.waitUntil("the product form closes after Save (it says: '" + error() + "')",
                () -> !window.isShowing() || !error.getText().isEmpty());
        if (Fx.call(window::isShowing)) {
            throw new AssertionError("the product was not saved: " + error());
        }
    }

    public void cancel() {
        console.robot().clickOn(Fx.find(console.robot(), Ids.CANCEL_PRODUCT, Button.class, WHERE));
        Fx.waitUntil("the product form closes", () -> !window.isShowing());
    }
}
