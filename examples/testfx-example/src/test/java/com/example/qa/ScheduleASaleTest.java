package com.example.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testkit.ConsoleDriver;
import dev.flashsale.testkit.SalesPage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Schedules a sale through the console's UI and checks what the storefront answers for it. */
@Timeout(120)
class ScheduleASaleTest {

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

    @Test
    void aSaleScheduledInTheConsoleIsWhatTheStorefrontAnswers() {
        // The whole console on a throwaway database (empty catalog), its storefront on a free port.
        console = ConsoleDriver.startEmpty(dir.resolve("store.db"));
        console.productsPage().newProduct().sku("QA-001").name("QA Jacket").regularPrice("89.00").stock("5").save();

        LocalDateTime tomorrow = LocalDateTime.now().plusDays(1).withMinute(0).withSecond(0).withNano(0);
        console.salesPage().newSale().product("QA Jacket").flashPrice("59.00")
                .starts(tomorrow.withHour(9)).ends(tomorrow.withHour(18)).save();

        SalesPage.Sale sale = console.salesPage().waitForRows(1).rows().get(0);
        assertEquals(new BigDecimal("59.00"), sale.flashPrice());
        assertEquals("SCHEDULED", sale.status());
        String status = console.get("/api/products/" + console.productId("QA-001") + "/flash-status");
        assertTrue(status.contains("\"status\":\"SCHEDULED\""), status);
        assertTrue(status.contains("\"saleId\":" + sale.id()), status);
    }
}
