package dev.flashsale.sale.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.AuditEntry;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.EditConflictException;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.persistence.AuditRepository;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CatalogAdminTest {

    @TempDir
    Path dir;

    private final TestClock time = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
    private Database db;
    private TtlCache<Object> cache;
    private CatalogAdmin admin;
    private Product shoes;

    void open(Dialect store) {
        db = TestStore.create(store, dir, "store.db").open();
        cache = TtlCache.builder().ticker(time.ticker()).wallClock(time).build();
        admin = new CatalogAdmin(db, cache, time);
        shoes = admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Instant in(Duration d) {
        return time.instant().plus(d);
    }

    private long saleRows() {
        return admin.sales().size();
    }

    private long productRows() {
        return admin.products().size();
    }

    /** Asserts the write is refused with a message about {@code field} and that no row changed. */
    private ValidationException refused(String field, String messagePart, Executable write) {
        long sales = saleRows();
        long products = productRows();
        ValidationException e = assertThrows(ValidationException.class, write);
        String message = e.messageFor(field);
        assertNotNull(message, "expected a message about " + field + ", got " + e.errors());
        assertTrue(message.contains(messagePart), message);
        assertEquals(sales, saleRows(), "no sale row written or removed");
        assertEquals(products, productRows(), "no product row written or removed");
        return e;
    }

    @OnBothStores
    void createsReadsUpdatesAndDeletesProductsAndSales(Dialect store) {
        open(store);
        assertEquals("Trail Running Shoes", admin.product(shoes.id()).orElseThrow().name());
        FlashSale sale = admin.createSale(shoes.id(), new BigDecimal("79.95"), in(Duration.ofHours(1)), in(Duration.ofHours(3)));
        assertEquals(sale, admin.sale(sale.id()).orElseThrow());
        assertEquals(1, sale.version());
        FlashSale moved = admin.updateSale(sale.id(), sale.version(), shoes.id(), new BigDecimal("69.95"),
                in(Duration.ofHours(2)), in(Duration.ofHours(4)));
        assertEquals(new BigDecimal("69.95"), admin.sale(sale.id()).orElseThrow().flashPrice());
        assertEquals(moved, admin.sale(sale.id()).orElseThrow(), "what update returns is what a read gives");
        assertEquals(2, moved.version());
        admin.deleteSale(sale.id(), moved.version());
        assertTrue(admin.sale(sale.id()).isEmpty());
        Product renamed = admin.updateProduct(new Product(shoes.id(), "SPO-001", "Trail Shoes", new BigDecimal("99.00"), 5,
                shoes.version()));
        assertEquals(renamed, admin.product(shoes.id()).orElseThrow());
        admin.deleteProduct(shoes.id(), renamed.version());
        assertEquals(0, productRows());
    }

    @OnBothStores
    void productRules(Dialect store) {
        open(store);
        refused("name", "name is required", () -> admin.createProduct("X-1", "  ", new BigDecimal("1.00"), 0));
        refused("name", "at most 200", () -> admin.createProduct("X-1", "n".repeat(201), new BigDecimal("1.00"), 0));
        refused("sku", "already used", () -> admin.createProduct("SPO-001", "Other", new BigDecimal("1.00"), 0));
        refused("sku", "SKU is required", () -> admin.createProduct("", "Other", new BigDecimal("1.00"), 0));
        refused("price", "greater than 0", () -> admin.createProduct("X-1", "Other", new BigDecimal("0"), 0));
        refused("price", "greater than 0", () -> admin.createProduct("X-1", "Other", new BigDecimal("-5"), 0));
        refused("price", "at most 2 decimals", () -> admin.createProduct("X-1", "Other", new BigDecimal("1.999"), 0));
        refused("stock", "negative", () -> admin.createProduct("X-1", "Other", new BigDecimal("1.00"), -1));
        assertEquals(200, admin.createProduct("X-2", "n".repeat(200), new BigDecimal("1.50"), 0).name().length());
    }

    @OnBothStores
    void saleRules(Dialect store) {
        open(store);
        BigDecimal ok = new BigDecimal("79.95");
        refused("flashPrice", "greater than 0", () -> admin.createSale(shoes.id(), BigDecimal.ZERO, in(Duration.ofHours(1)), in(Duration.ofHours(2))));
        refused("flashPrice", "at most 2 decimals", () -> admin.createSale(shoes.id(), new BigDecimal("79.955"), in(Duration.ofHours(1)), in(Duration.ofHours(2))));
        refused("flashPrice", "below the regular price of 119.95", () -> admin.createSale(shoes.id(), new BigDecimal("119.95"), in(Duration.ofHours(1)), in(Duration.ofHours(2))));
        refused("end", "after start", () -> admin.createSale(shoes.id(), ok, in(Duration.ofHours(2)), in(Duration.ofHours(1))));
        refused("end", "after start", () -> admin.createSale(shoes.id(), ok, in(Duration.ofHours(2)), in(Duration.ofHours(2))));
        refused("end", "at least 1 minute", () -> admin.createSale(shoes.id(), ok, in(Duration.ofHours(1)), in(Duration.ofHours(1).plusSeconds(59))));
        refused("end", "at most 30 days", () -> admin.createSale(shoes.id(), ok, in(Duration.ofHours(1)), in(Duration.ofDays(30).plusHours(1).plusSeconds(1))));
        refused("end", "in the future", () -> admin.createSale(shoes.id(), ok, in(Duration.ofHours(-3)), in(Duration.ofHours(-1))));
        refused("product", "does not exist", () -> admin.createSale(999, ok, in(Duration.ofHours(1)), in(Duration.ofHours(2))));
        // the window limits themselves are allowed
        admin.createSale(shoes.id(), ok, in(Duration.ofHours(1)), in(Duration.ofHours(1).plusMinutes(1)));
        admin.createSale(shoes.id(), ok, in(Duration.ofDays(1)), in(Duration.ofDays(31)));
    }

    @OnBothStores
    void salesOfOneProductMustNotOverlap(Dialect store) {
        open(store);
        FlashSale first = admin.createSale(shoes.id(), new BigDecimal("79.95"), in(Duration.ofHours(1)), in(Duration.ofHours(3)));
        ValidationException e = refused("start", "overlaps sale #" + first.id(), () -> admin.createSale(shoes.id(),
                new BigDecimal("89.95"), in(Duration.ofHours(2)), in(Duration.ofHours(4))));
        assertTrue(e.getMessage().contains("must not overlap"), e.getMessage());
        // touching windows do not overlap: the first ends exactly when the next starts
        admin.createSale(shoes.id(), new BigDecimal("89.95"), in(Duration.ofHours(3)), in(Duration.ofHours(4)));
        // another product may run at the same time
        Product mat = admin.createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
        admin.createSale(mat.id(), new BigDecimal("29.90"), in(Duration.ofHours(1)), in(Duration.ofHours(3)));
        // editing a sale does not clash with itself
        admin.updateSale(first.id(), first.version(), shoes.id(), new BigDecimal("75.00"), in(Duration.ofHours(1)),
                in(Duration.ofHours(3)));
    }

    @OnBothStores
    void anEndedSaleCanBeNeitherEditedNorDeleted(Dialect store) {
        open(store);
        FlashSale sale = admin.createSale(shoes.id(), new BigDecimal("79.95"), in(Duration.ofMinutes(1)), in(Duration.ofMinutes(10)));
        time.advance(Duration.ofMinutes(10));
        refused("sale", "ended", () -> admin.updateSale(sale.id(), sale.version(), shoes.id(), new BigDecimal("70.00"),
                in(Duration.ofHours(1)), in(Duration.ofHours(2))));
        refused("sale", "ended", () -> admin.deleteSale(sale.id(), sale.version()));
        assertEquals(sale, admin.sale(sale.id()).orElseThrow());
    }

    @OnBothStores
    void aProductWithSalesCannotBeDeleted(Dialect store) {
        open(store);
        admin.createSale(shoes.id(), new BigDecimal("79.95"), in(Duration.ofHours(1)), in(Duration.ofHours(2)));
        ValidationException e = refused("product", "has 1 flash sale", () -> admin.deleteProduct(shoes.id(), shoes.version()));
        assertTrue(e.getMessage().contains("Trail Running Shoes"), e.getMessage());
    }

    @OnBothStores
    void everyWriteInvalidatesTheKeysItAffects(Dialect store) {
        open(store);
        Product mat = admin.createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
        for (long id : new long[] {shoes.id(), mat.id()}) {
            cache.put(CatalogKeys.price(id), "cached");
            cache.put(CatalogKeys.flashStatus(id), "cached");
        }
        cache.put(CatalogKeys.ACTIVE_LISTING, "cached");

        FlashSale sale = admin.createSale(shoes.id(), new BigDecimal("79.95"), in(Duration.ofHours(1)), in(Duration.ofHours(2)));
        assertNull(cache.get(CatalogKeys.price(shoes.id())));
        assertNull(cache.get(CatalogKeys.flashStatus(shoes.id())));
        assertNull(cache.get(CatalogKeys.ACTIVE_LISTING));
        assertEquals("cached", cache.get(CatalogKeys.price(mat.id())), "another product's keys stay");
        assertEquals("cached", cache.get(CatalogKeys.flashStatus(mat.id())));

        cache.put(CatalogKeys.price(shoes.id()), "cached");
        cache.put(CatalogKeys.price(mat.id()), "cached");
        FlashSale moved = admin.updateSale(sale.id(), sale.version(), mat.id(), new BigDecimal("29.90"),
                in(Duration.ofHours(1)), in(Duration.ofHours(2)));
        assertNull(cache.get(CatalogKeys.price(shoes.id())), "moving a sale to another product clears both");
        assertNull(cache.get(CatalogKeys.price(mat.id())));

        cache.put(CatalogKeys.price(mat.id()), "cached");
        cache.put(CatalogKeys.flashStatus(mat.id()), "cached");
        cache.put(CatalogKeys.ACTIVE_LISTING, "cached");
        admin.updateProduct(new Product(mat.id(), "SPO-002", "Yoga Mat", new BigDecimal("34.90"), 5, mat.version()));
        assertNull(cache.get(CatalogKeys.price(mat.id())), "a price change clears the price");
        assertNull(cache.get(CatalogKeys.ACTIVE_LISTING), "and the listing, which shows regular prices");
        assertEquals("cached", cache.get(CatalogKeys.flashStatus(mat.id())), "the status does not depend on prices");

        cache.put(CatalogKeys.price(mat.id()), "cached");
        admin.deleteSale(sale.id(), moved.version());
        assertNull(cache.get(CatalogKeys.price(mat.id())));
    }

    @OnBothStores
    void csvImportIsAllOrNothingAndNamesEveryBadLine(Dialect store) {
        open(store);
        String csv = """
                sku,flash_price,starts_at,ends_at
                SPO-001,79.95,2026-11-26T09:00:00Z,2026-11-26T18:00:00Z
                NOPE-9,10.00,2026-11-26T09:00:00Z,2026-11-26T18:00:00Z
                SPO-001,abc,2026-11-27T09:00:00Z,2026-11-27T18:00:00Z
                SPO-001,70.00,2026-11-26T12:00:00Z,2026-11-26T20:00:00Z
                SPO-001,70.00,tomorrow,2026-11-28T20:00:00Z
                """;
        List<SaleCsv.Line> lines = SaleCsv.read(new StringReader(csv));
        ValidationException e = assertThrows(ValidationException.class, () -> admin.importSales(lines));
        List<String> messages = e.errors().stream().map(FieldError::message).toList();
        assertEquals(4, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("line 3: no product with SKU NOPE-9"), messages.get(0));
        assertTrue(messages.get(1).startsWith("line 4: flash_price 'abc'"), messages.get(1));
        assertTrue(messages.get(2).startsWith("line 5: ") && messages.get(2).contains("overlaps"), messages.get(2));
        assertTrue(messages.get(3).startsWith("line 6: starts_at 'tomorrow'"), messages.get(3));
        assertEquals(0, saleRows(), "nothing imported");

        String good = """
                sku,flash_price,starts_at,ends_at
                SPO-001,79.95,2026-11-26T09:00:00Z,2026-11-26T18:00:00Z
                SPO-001,69.95,2026-11-27T09:00:00Z,2026-11-27T18:00:00Z
                """;
        assertEquals(2, admin.importSales(SaleCsv.read(new StringReader(good))).created());
        StringWriter out = new StringWriter();
        SaleCsv.write(out, admin.sales(), id -> admin.product(id).orElseThrow().sku());
        List<SaleCsv.Line> again = SaleCsv.read(new StringReader(out.toString()));
        assertEquals(2, admin.importSales(again).unchanged(), "export writes what import reads");
    }

    @OnBothStores
    void csvWithoutTheHeaderIsRefused(Dialect store) {
        open(store);
        ValidationException e = assertThrows(ValidationException.class,
                () -> SaleCsv.read(new StringReader("a,b\n1,2\n")));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @OnBothStores
    void aFailedWriteInvalidatesNothing(Dialect store) {
        open(store);
        cache.put(CatalogKeys.price(shoes.id()), "cached");
        assertThrows(ValidationException.class, () -> admin.createSale(shoes.id(), new BigDecimal("500.00"),
                in(Duration.ofHours(1)), in(Duration.ofHours(2))));
        assertEquals("cached", cache.get(CatalogKeys.price(shoes.id())));
    }

    @OnBothStores
    void aChangeBasedOnAnOlderVersionIsRefusedAndWritesNothing(Dialect store) {
        open(store);
        FlashSale sale = admin.createSale(shoes.id(), new BigDecimal("79.95"), in(Duration.ofHours(1)), in(Duration.ofHours(3)));
        time.advance(Duration.ofMinutes(3));
        FlashSale theirs = admin.updateSale(sale.id(), sale.version(), shoes.id(), new BigDecimal("74.95"),
                sale.startsAt(), sale.endsAt());

        EditConflictException e = assertThrows(EditConflictException.class, () -> admin.updateSale(sale.id(),
                sale.version(), shoes.id(), new BigDecimal("59.95"), sale.startsAt(), sale.endsAt()));
        assertEquals(theirs.updatedAt(), e.changedAt(), "the message can say when the other change happened");
        assertEquals("sale", e.kind());
        assertEquals(theirs, admin.sale(sale.id()).orElseThrow(), "the other window's change stands");
        assertThrows(EditConflictException.class, () -> admin.deleteSale(sale.id(), sale.version()));
        assertTrue(admin.sale(sale.id()).isPresent(), "a stale delete deletes nothing");

        admin.deleteSale(sale.id(), theirs.version());
        EditConflictException gone = assertThrows(EditConflictException.class, () -> admin.updateSale(sale.id(),
                theirs.version(), shoes.id(), new BigDecimal("59.95"), sale.startsAt(), sale.endsAt()));
        assertTrue(gone.deleted());
        assertTrue(gone.getMessage().contains("deleted"), gone.getMessage());
        assertEquals(0, saleRows(), "an update of a deleted sale does not bring it back");

        Product renamed = admin.updateProduct(new Product(shoes.id(), "SPO-001", "Trail Shoes", shoes.regularPrice(), 10,
                shoes.version()));
        assertThrows(EditConflictException.class, () -> admin.updateProduct(new Product(shoes.id(), "SPO-001",
                "Shoes", shoes.regularPrice(), 3, shoes.version())));
        assertThrows(EditConflictException.class, () -> admin.deleteProduct(shoes.id(), shoes.version()));
        assertEquals(renamed, admin.product(shoes.id()).orElseThrow());
    }

    @OnBothStores
    void salesOutsideTheYears2000To9999AreRefusedNotOverflowed(Dialect store) {
        open(store);
        refused("start", "between the years 2000 and 9999", () -> admin.createSale(shoes.id(), new BigDecimal("79.95"),
                Instant.parse("+1000000-01-01T00:00:00Z"), Instant.parse("+1000000-01-02T00:00:00Z")));
        refused("start", "between the years 2000 and 9999", () -> admin.createSale(shoes.id(), new BigDecimal("79.95"),
                Instant.parse("1969-12-31T00:00:00Z"), in(Duration.ofHours(1))));
    }

    @OnBothStores
    void namesAndSkusWithControlCharactersAreRefused(Dialect store) {
        open(store);
        refused("name", "control characters", () -> admin.createProduct("SPO-009", "Shoes\nfor running",
                new BigDecimal("10.00"), 1));
        refused("sku", "control characters", () -> admin.createProduct("SPO\t009", "Shoes", new BigDecimal("10.00"), 1));
    }

    /**
     * The audit kept every invalidation forever; now it keeps the store's retention (90 days unless
     * an operator sets it) and each new row removes what has aged out.
     */
    @OnBothStores
    void theAuditKeepsItsRetentionAndNoMore(Dialect store) {
        open(store);
        CacheControl control = new CacheControl(db, cache, new CatalogService(db, cache, time), time, "ops");
        assertEquals(AuditRepository.DEFAULT_RETENTION_DAYS, control.auditRetentionDays());
        control.invalidate("price:1");
        time.advance(Duration.ofDays(40));
        control.invalidate("price:2");
        assertEquals(2, control.recentAudit(10).size());
        assertEquals(1, control.setAuditRetentionDays(30), "the row of 40 days ago goes now");
        assertEquals(30, control.auditRetentionDays());
        time.advance(Duration.ofDays(31));
        control.invalidate("price:3");
        assertEquals(List.of("price:3"), control.recentAudit(10).stream().map(AuditEntry::target).toList(),
                "a new row removes what aged out");
        ValidationException e = assertThrows(ValidationException.class, () -> control.setAuditRetentionDays(0));
        assertTrue(e.getMessage().contains("1 to 3650 days"), e.getMessage());
        assertEquals(30, control.auditRetentionDays());
    }

    /** The audit's export: the range asked for and nothing else, one line a row, the person named, no formula run. */
    @OnBothStores
    void theAuditExportsARangeAsCsv(Dialect store) throws Exception {
        open(store);
        CacheControl control = new CacheControl(db, cache, new CatalogService(db, cache, time), time, "ops");
        Instant first = time.instant();
        control.invalidate("price:1");
        time.advance(Duration.ofDays(2));
        control.invalidateNamespace("=cmd|' /C calc'!A0"); // a target a spreadsheet would run
        Instant second = time.instant();
        time.advance(Duration.ofDays(2));
        control.clear();

        StringWriter out = new StringWriter();
        assertEquals(2, control.exportAudit(out, new AuditRange(first, second.plusMillis(1))), "the third row is after the range");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertEquals(2, rows.size());
        assertEquals(List.of("at", "db_user", "os_user", "host", "action", "target", "entries"),
                rows.get(0).getParser().getHeaderNames());
        assertEquals(first.toString(), rows.get(0).get("at"));
        assertEquals("ops", rows.get(0).get("os_user"));
        assertEquals(CacheControl.INVALIDATE, rows.get(0).get("action"));
        assertEquals("price:1", rows.get(0).get("target"));
        assertEquals(store == Dialect.POSTGRESQL, !rows.get(0).get("db_user").isEmpty(),
                "the database login where there is one");
        assertTrue(rows.get(1).get("target").startsWith("'="), "kept as text: " + rows.get(1).get("target"));

        StringWriter none = new StringWriter();
        assertEquals(0, control.exportAudit(none, new AuditRange(first.minusSeconds(3600), first)));
        assertEquals("at,db_user,os_user,host,action,target,entries", none.toString().strip(), "a header alone");
        assertThrows(ValidationException.class, () -> control.exportAudit(new StringWriter(), new AuditRange(second, first)));
    }
}
