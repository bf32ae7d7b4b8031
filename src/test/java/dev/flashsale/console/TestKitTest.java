package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testkit.CachePage;
import dev.flashsale.testkit.ConsoleDriver;
import dev.flashsale.testkit.Fx;
import dev.flashsale.testkit.SaleForm;
import dev.flashsale.testkit.SalesPage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console driven only through the test kit (page objects), as an outside QA team would:
 * what the kit promises (waits, reads, clear failures) is proved here.
 */
@Timeout(120)
class TestKitTest {

    @TempDir
    Path dir;
    private ConsoleDriver console;

    @AfterEach
    @Timeout(30)
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    private static LocalDateTime tomorrowAt(int hour) {
        return LocalDateTime.now().plusDays(1).withHour(hour).withMinute(0).withSecond(0).withNano(0);
    }

    @Test
    void aProductAndASaleMadeInTheUiAreWhatTheStorefrontServes() {
        console = ConsoleDriver.startEmpty(dir.resolve("store.db"));
        console.productsPage().newProduct().sku("QA-001").name("QA Jacket").regularPrice("89.00").stock("5").save();
        assertEquals("QA Jacket", console.productsPage().rows().get(0).name());

        SalesPage sales = console.salesPage();
        sales.newSale().product("QA Jacket").flashPrice("59.00").starts(tomorrowAt(9)).ends(tomorrowAt(18)).save();
        SalesPage.Sale sale = sales.waitForRows(1).rows().get(0);
        assertEquals("QA Jacket", sale.product());
        assertEquals(new BigDecimal("59.00"), sale.flashPrice());
        assertEquals("SCHEDULED", sale.status());
        assertTrue(sales.message().startsWith("Created sale #" + sale.id()), sales.message());

        String status = console.get("/api/products/" + console.productId("QA-001") + "/flash-status");
        assertTrue(status.contains("\"status\":\"SCHEDULED\"") && status.contains("\"saleId\":" + sale.id()), status);

        // A refusal comes back as the form's own words, and nothing is saved.
        SaleForm overlap = sales.newSale().product("QA Jacket").flashPrice("49.00").starts(tomorrowAt(12))
                .ends(tomorrowAt(20));
        assertTrue(overlap.saveExpectingRefusal().contains("overlaps sale #" + sale.id()));
        overlap.cancel();
        assertEquals(1, sales.rows().size());

        sales.delete("QA Jacket");
        assertEquals(0, sales.rows().size());
    }

    @Test
    void aFormThatCannotBeSavedFailsWithItsOwnMessage() {
        console = ConsoleDriver.startEmpty(dir.resolve("store.db"));
        console.productsPage().newProduct().sku("QA-002").name("QA Boots").regularPrice("120.00").stock("1").save();
        SaleForm form = console.salesPage().newSale().product("QA Boots").flashPrice("-");
        AssertionError e = assertThrows(AssertionError.class, form::save);
        assertEquals("the sale form cannot be saved: Flash price must be a number, like 39.90.", e.getMessage());
        form.cancel();
    }

    @Test
    void theCachePageReadsTheFiguresAndInvalidatesThroughTheButtons() {
        console = ConsoleDriver.start(dir.resolve("store.db")); // demo catalog
        console.get("/api/products/1/price");
        console.get("/api/products/1/price");
        console.get("/api/products/2/price");
        console.get("/api/products/2/flash-status");
        CachePage cache = console.cachePage().waitForHits(1);
        CachePage.Entry price = cache.waitForEntry("price:1");
        assertTrue(price.value().startsWith("{\"productId\":1,"), "the storefront's JSON: " + price.value());
        assertEquals("price", price.namespace());
        assertTrue(price.ttlMillis() > 0 && price.ttlMillis() <= 30_000, "TTL " + price.ttlMillis());

        cache.invalidate("price:2");
        assertTrue(cache.rows().stream().noneMatch(r -> r.key().equals("price:2")));
        String asked = cache.invalidateNamespace("price");
        assertTrue(asked.startsWith("1 entry will go; it served "), asked);
        assertEquals("flash:status:2", cache.rows().get(0).key());
        assertTrue(cache.clear().startsWith("1 entry will go"));
        assertEquals(0, console.app().backend().cache().size());
        Fx.waitUntil("the entries figure shows 0", () -> cache.entries() == 0);
    }

    @Test
    void aMissingIdFailsNamingIt() {
        console = ConsoleDriver.startEmpty(dir.resolve("store.db"));
        AssertionError e = assertThrows(AssertionError.class, () -> Fx.find(console.robot(), "#noSuchField",
                TextField.class, "the sale form", 1));
        assertTrue(e.getMessage().startsWith("no node #noSuchField (TextField) within "), e.getMessage());
        assertTrue(e.getMessage().contains("expected in the sale form"), e.getMessage());
    }
}
