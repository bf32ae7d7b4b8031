package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.Product;
import dev.flashsale.testing.TypedInput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real forms in the real console: arbitrary text and every prefix of valid values in every
 * text field, date editor and spinner editor. Nothing may reach the FX thread's uncaught-exception
 * handler, and each sale and product form either shows a message or offers Save.
 */
@Timeout(120)
class FormFieldsFuzzTest extends ConsoleFxTest {

    @TempDir
    Path dir;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Product shoes;

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        startConsole("--db", dir.resolve("store.db").toString(), "--port", "0", "--no-demo");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.catalogModel() != null);
        shoes = app.backend().admin().createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> app.catalogModel().products().size() == 1);
        interact(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e)));
    }

    @AfterEach
    void nothingReachedTheFxThread() {
        assertEquals(List.of(), uncaught, "exceptions on the FX thread");
    }

    private static List<String> samples(String... valid) {
        List<String> out = new ArrayList<>(TypedInput.AWKWARD);
        out.addAll(TypedInput.prefixes(valid));
        out.addAll(TypedInput.sample(TypedInput.into(valid), 120));
        return out;
    }

    /** Sets each value on the FX thread, as typing does, and checks the form's answer after each. */
    private void feed(String id, List<String> values, Runnable check) {
        TextField field = lookup(id).queryAs(TextField.class);
        List<AssertionError> failures = new CopyOnWriteArrayList<>();
        interact(() -> {
            for (String v : values) {
                field.setText(v);
                try {
                    check.run();
                } catch (AssertionError e) {
                    failures.add(new AssertionError(id + " = '" + v + "': " + e.getMessage()));
                }
            }
        });
        assertEquals(List.of(), failures);
    }

    private void saleFormAnswers() {
        String error = lookup("#formError").queryAs(Label.class).getText();
        boolean disabled = lookup("#saveSaleButton").queryAs(Button.class).isDisabled();
        assertEquals(disabled, !error.isEmpty(), "message '" + error + "', Save " + (disabled ? "off" : "on"));
    }

    private void productFormAnswers() {
        String error = lookup("#productFormError").queryAs(Label.class).getText();
        boolean disabled = lookup("#saveProductButton").queryAs(Button.class).isDisabled();
        assertEquals(disabled, !error.isEmpty(), "message '" + error + "', Save " + (disabled ? "off" : "on"));
    }

    @Test
    void everyFieldOfTheSaleForm() {
        clickOn("#newSaleButton");
        interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Product> p = lookup("#productField").queryAs(ComboBox.class);
            p.setValue(shoes);
        });
        feed("#flashPriceField", samples("79.95", "-5", ".5"), this::saleFormAnswers);
        interact(() -> lookup("#flashPriceField").queryAs(TextField.class).setText("79.95"));
        feed("#startTimeField", samples("09:30", "7:05"), this::saleFormAnswers);
        feed("#endTimeField", samples("18:00", "23:59"), this::saleFormAnswers);
        for (String id : new String[] {"#startDateField", "#endDateField"}) {
            DatePicker picker = lookup(id).queryAs(DatePicker.class);
            interact(() -> {
                for (String v : samples("2026-12-01", "1/12/26")) {
                    picker.getEditor().setText(v);
                    picker.commitValue(); // what Enter or leaving the field does
                    saleFormAnswers();
                }
            });
            assertNotEquals(null, picker.getValue(), "unreadable text keeps the date");
        }
        clickOn("#cancelSaleButton");
    }

    @Test
    void typingASignOverAValidPriceSaysSoAndSaveGoesOff() {
        clickOn("#newSaleButton");
        interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Product> p = lookup("#productField").queryAs(ComboBox.class);
            p.setValue(shoes);
        });
        clickOn("#flashPriceField").write("5");
        assertTrue(lookup("#priceInfo").queryAs(Label.class).getText().contains("96 % off"));
        assertEquals("", lookup("#formError").queryAs(Label.class).getText());
        for (String sign : new String[] {"-", "+", "-.", "+."}) {
            clickOn("#flashPriceField").press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
            write(sign);
            assertEquals("Flash price must be a number, like 39.90.", lookup("#formError").queryAs(Label.class).getText());
            assertEquals("regular price 119.95", lookup("#priceInfo").queryAs(Label.class).getText(), "no stale discount");
            assertTrue(lookup("#saveSaleButton").queryAs(Button.class).isDisabled());
        }
        clickOn("#cancelSaleButton");
        assertEquals(0, app.backend().admin().sales().size());
    }

    @Test
    void everyFieldOfTheProductForm() {
        clickOn("Products");
        clickOn("#newProductButton");
        interact(() -> {
            lookup("#productSkuField").queryAs(TextField.class).setText("SPO-777");
            lookup("#productNameField").queryAs(TextField.class).setText("Rain Jacket");
            lookup("#productPriceField").queryAs(TextField.class).setText("89.00");
        });
        productFormAnswers();
        feed("#productPriceField", samples("89.00", "-5", "0.5"), this::productFormAnswers);
        interact(() -> lookup("#productPriceField").queryAs(TextField.class).setText("89.00"));
        feed("#productStockField", samples("25", "-3", "+7"), this::productFormAnswers);
        interact(() -> lookup("#productStockField").queryAs(TextField.class).setText("1"));
        feed("#productSkuField", samples("SPO-777"), this::productFormAnswers);
        interact(() -> lookup("#productSkuField").queryAs(TextField.class).setText("SPO-777"));
        feed("#productNameField", samples("Rain Jacket"), this::productFormAnswers);
        clickOn("#cancelProductButton");
    }

    @Test
    void theCachePanelsEditableFields() {
        clickOn("Cache");
        feed("#cacheFilterField", samples("price:1"), () -> { });
        for (String id : new String[] {"#ttlSpinner", "#maxEntriesSpinner"}) {
            @SuppressWarnings("unchecked")
            Spinner<Integer> spinner = lookup(id).queryAs(Spinner.class);
            interact(() -> {
                for (String v : samples("30", "-1", "0", "2000000000")) {
                    spinner.getEditor().setText(v);
                    spinner.commitValue();
                    assertNotEquals(null, spinner.getValue(), id + " keeps a value");
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
