package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.testing.OtherProcessEdit;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two admins, one row: the console has a sale or product open in its form while another process
 * (a second JVM on the same SQLite file) saves it. The console's save is refused in the form,
 * nothing is written, and Reload shows the other change.
 */
@Timeout(120)
class TwoProcessEditTest extends ConsoleFxTest {

    @TempDir
    Path dir;
    private Path db;
    private Product shoes;
    private FlashSale sale;

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        db = dir.resolve("store.db");
        startConsole("--db", db.toString(), "--port", "0", "--no-demo");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.catalogModel() != null);
        shoes = app.backend().admin().createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        Instant start = Instant.now().plus(Duration.ofDays(1));
        sale = app.backend().admin().createSale(shoes.id(), new BigDecimal("79.95"), start, start.plus(Duration.ofHours(2)));
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> app.catalogModel().sales().size() == 1);
    }

    @Test
    void aSaleSavedByAnotherProcessIsNotOverwrittenSilently() throws Exception {
        @SuppressWarnings("unchecked")
        TableView<SaleRow> table = lookup("#salesTable").queryAs(TableView.class);
        interact(() -> table.getSelectionModel().select(0));
        clickOn("#editSaleButton");
        interact(() -> lookup("#flashPriceField").queryAs(TextField.class).setText("59.95"));

        OtherProcessEdit.run(db, "sale", sale.id(), "69.95");
        // the console hears the other process and reloads its tables; the open form keeps what the user typed
        waitUntil(() -> app.catalogModel().sales().get(0).sale().version() == 2);
        assertEquals("59.95", lookup("#flashPriceField").queryAs(TextField.class).getText());
        assertFalse(lookup("#saveSaleButton").queryAs(Button.class).isDisabled(), "the chosen product is still chosen");

        clickOn("#saveSaleButton");
        waitUntil(() -> lookup("#reloadSaleButton").queryAs(Button.class).isVisible());
        String message = lookup("#formError").queryAs(Label.class).getText();
        assertTrue(message.matches("This sale was changed at \\d\\d:\\d\\d by another window or process; reload it to see"
                + " the change\\. Nothing was saved\\."), message);
        assertTrue(lookup("#saveSaleButton").queryAs(Button.class).isDisabled(), "no second try over the other change");
        assertEquals(new BigDecimal("69.95"), app.backend().admin().sale(sale.id()).orElseThrow().flashPrice(),
                "the other process's price stands");

        clickOn("#reloadSaleButton");
        waitUntil(() -> lookup("#flashPriceField").queryAs(TextField.class).getText().equals("69.95"));
        assertFalse(lookup("#reloadSaleButton").queryAs(Button.class).isVisible());
        assertEquals("", lookup("#formError").queryAs(Label.class).getText());
        interact(() -> lookup("#flashPriceField").queryAs(TextField.class).setText("59.95"));
        clickOn("#saveSaleButton");
        waitUntil(() -> app.backend().admin().sale(sale.id()).orElseThrow().flashPrice().compareTo(
                new BigDecimal("59.95")) == 0);
        assertEquals(3, app.backend().admin().sale(sale.id()).orElseThrow().version());
    }

    @Test
    void aProductRenamedByAnotherProcessIsNotOverwrittenSilently() throws Exception {
        clickOn("Products");
        clickOn("Trail Running Shoes");
        clickOn("#editProductButton");
        interact(() -> lookup("#productStockField").queryAs(TextField.class).setText("3"));

        OtherProcessEdit.run(db, "product", shoes.id(), "Trail Shoes (renamed)");

        clickOn("#saveProductButton");
        waitUntil(() -> lookup("#reloadProductButton").queryAs(Button.class).isVisible());
        String message = lookup("#productFormError").queryAs(Label.class).getText();
        assertTrue(message.startsWith("This product was changed at "), message);
        Product stored = app.backend().admin().product(shoes.id()).orElseThrow();
        assertEquals("Trail Shoes (renamed)", stored.name());
        assertEquals(10, stored.stock(), "the console's stock change was not written over the rename");

        clickOn("#reloadProductButton");
        waitUntil(() -> lookup("#productNameField").queryAs(TextField.class).getText().equals("Trail Shoes (renamed)"));
        assertEquals("10", lookup("#productStockField").queryAs(TextField.class).getText());
    }

    @Test
    void deletingASaleChangedByAnotherProcessIsRefused() throws Exception {
        @SuppressWarnings("unchecked")
        TableView<SaleRow> table = lookup("#salesTable").queryAs(TableView.class);
        interact(() -> table.getSelectionModel().select(0));
        clickOn("#deleteSaleButton");
        // the other process changes the sale while the user reads the confirmation
        OtherProcessEdit.run(db, "sale", sale.id(), "69.95");
        clickOn("OK");
        waitUntil(() -> lookup("#salesMessage").queryAs(Label.class).getText().startsWith("Not deleted: This sale was changed"));
        assertTrue(app.backend().admin().sale(sale.id()).isPresent());
        waitUntil(() -> app.catalogModel().sales().get(0).sale().flashPrice().compareTo(new BigDecimal("69.95")) == 0);
    }
}
