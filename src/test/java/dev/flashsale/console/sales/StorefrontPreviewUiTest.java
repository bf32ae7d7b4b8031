package dev.flashsale.console.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.console.ConsoleFxTest;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.read.StorefrontPreview;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The Sales tab's storefront preview, in the real console. */
@Timeout(90)
class StorefrontPreviewUiTest extends ConsoleFxTest {

    @TempDir
    Path dir;
    private Product shoes;

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        startConsole("--db", dir.resolve("store.db").toString(), "--port", "0", "--no-demo");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.catalogModel() != null);
        shoes = app.backend().admin().createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        Instant start = Instant.now().plus(Duration.ofDays(2));
        app.backend().admin().createSale(shoes.id(), new BigDecimal("79.95"), start, start.plus(Duration.ofHours(3)));
    }

    @Test
    void showsTheStorefrontAtAFutureTimeAndLeavesTheCacheAlone() throws Exception {
        waitUntil(() -> lookup("#previewStorefrontButton").tryQuery().isPresent() && app.page(SalesTab.class).model() != null);
        long entries = app.backend().cache().size();
        clickOn("#previewStorefrontButton");
        ZonedDateTime during = ZonedDateTime.now(ZoneId.systemDefault()).plusDays(2).plusHours(1);
        interact(() -> {
            lookup("#previewDateField").queryAs(DatePicker.class).setValue(during.toLocalDate());
            lookup("#previewTimeField").queryAs(TextField.class).setText(DateTimeFormatter.ofPattern("HH:mm").format(during));
        });
        clickOn("#previewShowButton");
        @SuppressWarnings("unchecked")
        TableView<StorefrontPreview.ProductView> table = lookup("#previewTable").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 1);
        StorefrontPreview.ProductView row = table.getItems().get(0);
        assertEquals("ACTIVE", row.status().status());
        assertEquals(new BigDecimal("79.95"), row.price().price());
        String summary = lookup("#previewSummary").queryAs(Label.class).getText();
        assertTrue(summary.contains("would list 1 active sale; 1 of 1 products at a flash price"), summary);
        assertTrue(lookup("#previewListingJson").queryAs(TextArea.class).getText().contains("\"flashPrice\" : \"79.95\""));
        assertEquals(entries, app.backend().cache().size(), "the preview filled no cache entry");

        interact(() -> lookup("#previewTimeField").queryAs(TextField.class).setText("-"));
        clickOn("#previewShowButton");
        assertEquals("The time must look like 09:30.", lookup("#previewError").queryAs(Label.class).getText());
    }
}
