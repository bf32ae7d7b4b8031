package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.console.products.ProductFormModel;
import dev.flashsale.console.sales.SaleFormModel;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.store.Database;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TypedInput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every text field of the sale and product forms, fed arbitrary strings and every prefix of
 * valid input: nothing throws, and the form ends either with a message (Save off) or with values
 * the domain saves into a real SQLite file.
 */
class FormProperties {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    @TempDir
    static Path dir;
    private static Database db;
    private static CatalogAdmin admin;
    private static Product shoes;

    @BeforeAll
    static void open() {
        db = Database.open(dir.resolve("store.db"));
        TestClock time = new TestClock(NOW);
        admin = new CatalogAdmin(db, TtlCache.builder().ticker(time.ticker()).wallClock(time).build(), time);
        shoes = admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Gen<String> prices() {
        return TypedInput.into("79.95", "-5", "+12.5", "0.99");
    }

    private static Gen<String> times() {
        return TypedInput.into("09:30", "23:59", "7:05", "02:30", "2:15");
    }

    private static Gen<String> names() {
        return TypedInput.into("Trail Running Shoes", "SPO-777");
    }

    private static Gen<String> stocks() {
        return TypedInput.into("25", "-3", "+7", "999999999");
    }

    /** Ordinary days and both daylight-saving changes of 2027 in Europe/Berlin. */
    private static Gen<LocalDate> days() {
        return Generate.pick(List.of(LocalDate.of(2026, 11, 26), LocalDate.of(2027, 3, 28), LocalDate.of(2027, 10, 31)));
    }

    /**
     * JavaFX hands an exception thrown in a property listener to the thread's uncaught-exception
     * handler instead of the caller: each try collects those, so a listener that throws fails it.
     */
    private static <T> Consumer<T> noListenerThrows(Consumer<T> check) {
        return value -> {
            List<Throwable> uncaught = new CopyOnWriteArrayList<>();
            Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            try {
                check.accept(value);
            } finally {
                Thread.currentThread().setUncaughtExceptionHandler(before);
            }
            assertEquals(List.of(), uncaught, "exceptions thrown inside the form's listeners");
        };
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

    @Test
    void saleFlashPrice() {
        qt().withExamples(1500).forAll(prices()).checkAssert(noListenerThrows(text -> {
            SaleFormModel form = saleForm();
            form.flashPrice.set(text);
            messageOrSaved(form, true);
        }));
    }

    /** A start and an end time typed on one day. */
    private record Times(String start, String end, LocalDate day) {
    }

    @Test
    void saleStartAndEndTimes() {
        qt().withExamples(1500).forAll(times(), times(), days()).as(Times::new).checkAssert(noListenerThrows(t -> {
            SaleFormModel form = saleForm();
            form.startDate.set(t.day());
            form.endDate.set(t.day());
            form.startTime.set(t.start());
            form.endTime.set(t.end());
            messageOrSaved(form, false); // a start in the past or an end already over is the domain's to refuse
        }));
    }

    /** What a product form holds. */
    private record ProductFields(String sku, String name, String price, String stock) {
    }

    @Test
    void productFields() {
        qt().withExamples(1000).forAll(names(), names(), prices(), stocks()).as(ProductFields::new)
                .checkAssert(noListenerThrows(FormProperties::productSavedOrRefusedWithAMessage));
    }

    private static void productSavedOrRefusedWithAMessage(ProductFields f) {
        ProductFormModel form = new ProductFormModel(null);
        form.sku.set(f.sku());
        form.name.set(f.name());
        form.price.set(f.price());
        form.stock.set(f.stock());
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

    @Test
    void aValidPriceThenALoneSignSaysSoAndDropsTheDiscount() {
        // A valid 5, then select it and type "-" (and the other lone signs): the form once kept the old discount.
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
