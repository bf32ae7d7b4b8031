package dev.flashsale.console;

import dev.flashsale.console.sales.SaleFormModel;
import dev.flashsale.console.products.ProductFormModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.CatalogAdmin;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.store.Database;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TypedInput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every text field of the sale and product forms, fed arbitrary strings and every prefix of
 * valid input: nothing throws, and the form ends either with a message (Save off) or with values
 * the domain saves into a real SQLite file.
 */
class FormProperties {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static Path dir;
    private static Database db;
    private static CatalogAdmin admin;
    private static Product shoes;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("form-properties");
        db = Database.open(dir.resolve("store.db"));
        TestClock time = new TestClock(NOW);
        admin = new CatalogAdmin(db, TtlCache.builder().ticker(time.ticker()).wallClock(time).build(), time);
        shoes = admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
    }

    @AfterContainer
    static void close() throws IOException {
        db.close();
        dev.flashsale.testing.TempFolders.delete(dir);
    }

    @Provide
    Arbitrary<String> prices() {
        return TypedInput.into("79.95", "-5", "+12.5", "0.99");
    }

    @Provide
    Arbitrary<String> times() {
        return TypedInput.into("09:30", "23:59", "7:05", "02:30", "2:15");
    }

    @Provide
    Arbitrary<String> names() {
        return TypedInput.into("Trail Running Shoes", "SPO-777");
    }

    @Provide
    Arbitrary<String> stocks() {
        return TypedInput.into("25", "-3", "+7", "999999999");
    }

    /**
     * JavaFX hands an exception thrown in a property listener to the thread's uncaught-exception
     * handler instead of the caller: collect those, so a listener that throws fails the property.
     */
    private static final java.util.List<Throwable> UNCAUGHT = new java.util.concurrent.CopyOnWriteArrayList<>();

    @net.jqwik.api.lifecycle.BeforeTry
    void watchListeners() {
        UNCAUGHT.clear();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> UNCAUGHT.add(e));
    }

    @net.jqwik.api.lifecycle.AfterTry
    void noListenerThrew() {
        assertEquals(java.util.List.of(), UNCAUGHT, "exceptions thrown inside the form's listeners");
    }

    @Provide
    Arbitrary<java.time.LocalDate> days() {
        // Ordinary days and both daylight-saving changes of 2027 in Europe/Berlin.
        return net.jqwik.api.Arbitraries.of(java.time.LocalDate.of(2026, 11, 26), java.time.LocalDate.of(2027, 3, 28),
                java.time.LocalDate.of(2027, 10, 31));
    }

    private static SaleFormModel saleForm() {
        SaleFormModel form = new SaleFormModel(ZONE, null, null, NOW);
        form.product.set(shoes);
        form.flashPrice.set("79.95");
        return form;
    }

    /** The form's promise: a message and no Save, or values the domain takes (or refuses with a message). */
    private static void messageOrSaved(SaleFormModel form, boolean domainMustAccept) {
        boolean valid = form.validProperty().get();
        assertEquals(valid, form.errorProperty().get().isEmpty(), "a message exactly when Save is off");
        if (!valid) {
            assertFalse(form.errorProperty().get().isBlank());
            return;
        }
        try {
            FlashSale saved = admin.createSale(shoes.id(), form.flashPriceValue(), form.startsAt(), form.endsAt());
            assertEquals(0, saved.flashPrice().compareTo(form.flashPriceValue()));
            admin.deleteSale(saved.id(), saved.version());
        } catch (ValidationException e) {
            assertFalse(domainMustAccept, "the form said valid, the domain refused: " + e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Property(tries = 1500)
    void saleFlashPrice(@ForAll("prices") String text) {
        SaleFormModel form = saleForm();
        form.flashPrice.set(text);
        messageOrSaved(form, true);
    }

    @Property(tries = 1500)
    void saleStartAndEndTimes(@ForAll("times") String start, @ForAll("times") String end,
                              @ForAll("days") java.time.LocalDate day) {
        SaleFormModel form = saleForm();
        form.startDate.set(day);
        form.endDate.set(day);
        form.startTime.set(start);
        form.endTime.set(end);
        messageOrSaved(form, false); // a start in the past or an end already over is the domain's to refuse
    }

    @Property(tries = 1000)
    void productFields(@ForAll("names") String sku, @ForAll("names") String name, @ForAll("prices") String price,
                       @ForAll("stocks") String stock) {
        ProductFormModel form = new ProductFormModel(null);
        form.sku.set(sku);
        form.name.set(name);
        form.price.set(price);
        form.stock.set(stock);
        boolean valid = form.validProperty().get();
        assertEquals(valid, form.errorProperty().get().isEmpty(), "a message exactly when Save is off");
        if (!valid) {
            return;
        }
        Product p = form.toProduct();
        try {
            Product saved = admin.createProduct(p.sku(), p.name(), p.regularPrice(), p.stock());
            assertEquals(p.name(), saved.name());
            admin.deleteProduct(saved.id(), saved.version());
        } catch (ValidationException e) {
            assertTrue(e.getMessage().contains("already used"), "only a SKU in use may be refused: " + e.getMessage());
        }
    }

    @Example
    void aValidPriceThenALoneSignSaysSoAndDropsTheDiscount() {
        // The case: a valid 5, then select it and type "-" (and the other lone signs).
        for (String typed : new String[] {"-", "+", "-.", "+.", "."}) {
            SaleFormModel form = saleForm();
            form.flashPrice.set("5");
            assertTrue(form.validProperty().get());
            form.flashPrice.set(typed);
            assertFalse(form.validProperty().get(), typed);
            assertEquals("Flash price must be a number, like 39.90.", form.errorProperty().get());
            assertEquals("regular price 119.95", form.priceInfoProperty().get(), "no stale discount");
        }
    }
}
