package dev.flashsale.console.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.console.ConsoleFxTest;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The sale form in Europe/Berlin on the two change days of 2027: the note shows, the offset can be chosen. */
@Timeout(60)
class DaylightSavingFormViewTest extends ConsoleFxTest {

    @TempDir
    Path dir;
    private SaleFormModel form;

    @BeforeEach
    @Timeout(60)
    void open() throws Exception {
        startConsole("--db", dir.resolve("store.db").toString(), "--port", "0", "--no-demo");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.catalogModel() != null);
        Product shoes = new Product(1, "SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10, 1);
        interact(() -> {
            form = new SaleFormModel(ZoneId.of("Europe/Berlin"), null, null, Instant.parse("2027-03-20T10:00:00Z"));
            form.product.set(shoes);
            form.flashPrice.set("79.95");
            new SaleFormDialog(app.page(SalesTab.class).panel().node().getScene().getWindow(), app.page(SalesTab.class).model(), form).show();
        });
    }

    @Test
    void aSkippedStartTimeIsSaidInTheForm() {
        interact(() -> {
            form.startDate.set(LocalDate.of(2027, 3, 28));
            form.endDate.set(LocalDate.of(2027, 3, 28));
            lookup("#endTimeField").queryAs(TextField.class).setText("06:00");
            lookup("#startTimeField").queryAs(TextField.class).setText("02:30");
        });
        Label note = lookup("#startTimeNote").queryAs(Label.class);
        assertTrue(note.isVisible());
        assertTrue(note.getText().endsWith("the sale would start at 03:30 CEST."), note.getText());
        assertFalse(lookup("#startOffsetField").queryAs(ChoiceBox.class).isVisible(), "nothing to choose in a gap");
        assertFalse(lookup("#saveSaleButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void aRepeatedStartTimeOffersBothOffsets() {
        interact(() -> {
            form.startDate.set(LocalDate.of(2027, 10, 31));
            form.endDate.set(LocalDate.of(2027, 10, 31));
            lookup("#endTimeField").queryAs(TextField.class).setText("06:00");
            lookup("#startTimeField").queryAs(TextField.class).setText("02:30");
        });
        @SuppressWarnings("unchecked")
        ChoiceBox<ZoneOffset> offset = lookup("#startOffsetField").queryAs(ChoiceBox.class);
        assertTrue(offset.isVisible());
        assertEquals(2, offset.getItems().size());
        assertEquals("CEST (+02:00)", offset.getConverter().toString(offset.getValue()));
        clickOn(offset);
        clickOn("CET (+01:00)");
        assertEquals(Instant.parse("2027-10-31T01:30:00Z"), form.startsAt());
        assertTrue(lookup("#startTimeNote").queryAs(Label.class).getText().contains("happens twice"));
    }
}
