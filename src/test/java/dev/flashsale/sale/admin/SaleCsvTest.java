package dev.flashsale.sale.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.OwnThread;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;

/** Sales CSV as spreadsheets write it, and the export, edit in a spreadsheet, import round trip. */
class SaleCsvTest {

    @TempDir
    Path dir;

    private final TestClock time = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
    private Database db;
    private CatalogAdmin admin;
    private Product shoes;
    private Product mat;

    private TestStore store;

    void open(Dialect kind) {
        store = TestStore.create(kind, dir, "store.db");
        db = store.open();
        admin = new CatalogAdmin(db, TtlCache.builder().ticker(time.ticker()).wallClock(time).build(), time);
        shoes = admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        mat = admin.createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private static List<SaleCsv.Line> fixture(String name) throws Exception {
        try (Reader in = new InputStreamReader(SaleCsvTest.class.getResourceAsStream("/csv/" + name),
                StandardCharsets.UTF_8)) {
            return SaleCsv.read(in);
        }
    }

    static Stream<Arguments> spreadsheetFilesOnBothStores() {
        return Stream.of("excel-utf8.csv", "excel-de-semicolon.csv", "libreoffice-quoted.csv")
                .flatMap(f -> Stream.of(Dialect.values())
                        .map(k -> Arguments.of(f, k)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @org.junit.jupiter.params.provider.MethodSource("spreadsheetFilesOnBothStores")
    void filesAsSpreadsheetsWriteThemImport(String file, Dialect store) throws Exception {
        open(store);
        List<SaleCsv.Line> lines = fixture(file);
        assertEquals(2, lines.size());
        lines.forEach(l -> assertNull(l.error(), file + " line " + l.number() + ": " + l.error()));
        CatalogAdmin.ImportResult r = admin.importSales(lines);
        assertEquals(2, r.created());
        List<FlashSale> sales = admin.sales();
        assertEquals(new BigDecimal("79.95"), sales.get(0).flashPrice());
        assertEquals(shoes.id(), sales.get(0).productId());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), sales.get(0).startsAt(), "times without an offset are UTC");
        assertEquals(0, new BigDecimal("29.90").compareTo(sales.get(1).flashPrice()), "29,9 is 29.90");
        assertEquals(mat.id(), sales.get(1).productId());
    }

    @OnBothStores
    void aThousandsGroupedPriceInASemicolonFileIsAmbiguousAndRefused(Dialect store) throws Exception {
        open(store);
        SaleCsv.Line line = fixture("excel-de-ambiguous.csv").get(0);
        assertTrue(line.error().contains("'1.000' is ambiguous"), line.error());
        assertEquals(2, line.number());
    }

    /** A NUL is text PostgreSQL cannot compare: it answered "database error" before the line was refused. */
    @OnBothStores
    void aSkuWithAControlCharacterIsALineErrorNotAStoreError(Dialect store) {
        open(store);
        List<SaleCsv.Line> lines = SaleCsv.read(new StringReader("sku,flash_price,starts_at,ends_at\n"
                + "SPO\u0000001,79.95,2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n"
                + "SPO\t001,79.95,2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n"));
        lines.forEach(l -> assertTrue(l.error().contains("control character"), l.toString()));
        ValidationException e = assertThrows(ValidationException.class, () -> admin.importSales(lines));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("line 3"), e.getMessage());
        assertEquals(0, admin.sales().size());
    }

    @OnBothStores
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName(Dialect store) {
        open(store);
        List<SaleCsv.Line> lines = SaleCsv.read(new StringReader("\uFEFFsku,flash_price,starts_at,ends_at\r\n"
                + "SPO-001,79.95,2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\r\n"));
        assertNull(lines.get(0).error());
    }

    @OnBothStores
    void aHeaderThatDoesNotNameTheColumnsSaysWhichIsMissing(Dialect store) {
        open(store);
        ValidationException e = assertThrows(ValidationException.class,
                () -> SaleCsv.read(new StringReader("sku,price,starts_at,ends_at\n")));
        assertTrue(e.getMessage().contains("missing: flash_price"), e.getMessage());
        ValidationException empty = assertThrows(ValidationException.class, () -> SaleCsv.read(new StringReader("")));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @OnBothStores
    void exportedEditedInASpreadsheetAndImportedUpdatesTheSalesItCameFrom(Dialect store) {
        open(store);
        FlashSale first = admin.createSale(shoes.id(), new BigDecimal("79.95"), Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T18:00:00Z"));
        FlashSale second = admin.createSale(mat.id(), new BigDecimal("29.90"), Instant.parse("2026-12-02T09:00:00Z"),
                Instant.parse("2026-12-02T18:00:00Z"));
        StringWriter out = new StringWriter();
        SaleCsv.write(out, admin.sales(), id -> admin.product(id).orElseThrow().sku());

        // What a German Excel saves after the admin lowered one price and added a line:
        // a BOM, CRLF, ';' between fields, decimal commas, and the rest as it was.
        String edited = "\uFEFF" + out.toString().lines().map(l -> l.replace(',', ';')
                        .replace("79.95", "74,5").replace("29.90", "29,9"))
                .collect(Collectors.joining("\r\n")) + "\r\nSPO-002;25;2026-12-03T09:00:00Z;2026-12-03T12:00:00Z;;;\r\n";
        CatalogAdmin.ImportResult r = admin.importSales(SaleCsv.read(new StringReader(edited)));
        assertEquals(1, r.created());
        assertEquals(1, r.updated());
        assertEquals(1, r.unchanged(), "the line nobody touched changes nothing");
        assertEquals(new BigDecimal("74.50"), admin.sale(first.id()).orElseThrow().flashPrice());
        assertEquals(second, admin.sale(second.id()).orElseThrow());
        assertEquals(3, admin.sales().size());

        // The same file again: the first sale has moved on since that export, so nothing is written.
        ValidationException e = assertThrows(ValidationException.class,
                () -> admin.importSales(SaleCsv.read(new StringReader(edited))));
        assertTrue(e.getMessage().contains("sale #" + first.id() + " was changed"), e.getMessage());
        assertEquals(3, admin.sales().size());
    }

    @OnBothStores
    void anExportImportedAgainChangesNothing(Dialect store) {
        open(store);
        admin.createSale(shoes.id(), new BigDecimal("79.95"), Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T18:00:00Z"));
        StringWriter out = new StringWriter();
        SaleCsv.write(out, admin.sales(), id -> admin.product(id).orElseThrow().sku());
        CatalogAdmin.ImportResult r = admin.importSales(SaleCsv.read(new StringReader(out.toString())));
        assertEquals(0, r.size());
        assertEquals(1, r.unchanged());
    }

    @OnBothStores
    void aSaleIdWithoutItsVersionIsRefused(Dialect store) {
        open(store);
        SaleCsv.Line line = SaleCsv.read(new StringReader("sku,flash_price,starts_at,ends_at,sale_id\n"
                + "SPO-001,79.95,2026-12-01T09:00:00Z,2026-12-01T18:00:00Z,1\n")).get(0);
        assertTrue(line.error().contains("needs the version"), line.error());
    }

    /** OWASP's CSV injection: a SKU a spreadsheet would run as a formula is written as text, and read back as it was. */
    @OnBothStores
    void skusThatLookLikeFormulasAreExportedAsTextAndComeBackUnchanged(Dialect store) {
        open(store);
        String[] skus = {"=1+2", "+SUM(A1)", "-5OFF", "@cmd", "'quoted", "''twice", "'=already"};
        Instant start = Instant.parse("2026-12-01T09:00:00Z");
        for (String sku : skus) {
            Product p = admin.createProduct(sku, "Product " + sku, new BigDecimal("10.00"), 1);
            admin.createSale(p.id(), new BigDecimal("5.00"), start, start.plusSeconds(3600));
        }
        StringWriter out = new StringWriter();
        SaleCsv.write(out, admin.sales(), id -> admin.product(id).orElseThrow().sku());
        for (String line : out.toString().lines().skip(1).toList()) {
            String cell = line.startsWith("\"") ? line.substring(1) : line;
            assertTrue(cell.startsWith("'") || Character.isLetterOrDigit(cell.charAt(0)),
                    "a spreadsheet would run this cell: " + line);
        }
        assertTrue(out.toString().contains("'=1+2,"), out.toString());
        CatalogAdmin.ImportResult r = admin.importSales(SaleCsv.read(new StringReader(out.toString())));
        assertEquals(0, r.size(), "nothing created or updated");
        assertEquals(skus.length, r.unchanged(), "every line read back as the sale it came from");
    }

    @Test
    void aFileThatIsNotUtf8SaysSoAndWhere() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        ValidationException binary = assertThrows(ValidationException.class,
                () -> SaleCsv.read(new ByteArrayInputStream(png)));
        assertEquals("the file is not UTF-8 text: byte 0x89 on line 1 (byte 0 of the file) is not UTF-8;"
                + " save it as \"CSV UTF-8\" (Excel) or with UTF-8 encoding", binary.getMessage());

        // A spreadsheet's "CSV" in a Western code page: an ü in Windows-1252 on the third line.
        byte[] latin1 = ("sku,flash_price,starts_at,ends_at\nSPO-001,79.95,2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n"
                + "M\u00fcller-1,79.95,2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n").getBytes(Charset
                .forName("windows-1252"));
        ValidationException legacy = assertThrows(ValidationException.class,
                () -> SaleCsv.read(new ByteArrayInputStream(latin1)));
        assertTrue(legacy.getMessage().contains("byte 0xFC on line 3"), legacy.getMessage());
    }

    @Test
    void utf8IsReadWhateverWhereItsCharactersFallInTheReadBuffer() {
        // A multi-byte character split across the reader's 16 KiB buffers, and characters beyond the first plane.
        String sku = "SK\u00dc-\ud83d\ude80";
        StringBuilder csv = new StringBuilder("sku,flash_price,starts_at,ends_at\n");
        while (csv.length() < 40_000) {
            csv.append(sku).append(",79.95,2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n");
        }
        List<SaleCsv.Line> lines = SaleCsv.read(new ByteArrayInputStream(
                ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8)));
        assertTrue(lines.size() > 500);
        lines.forEach(l -> assertEquals(sku, l.sku(), "line " + l.number()));
    }

    /**
     * Products and their sales committed together while exports run: every exported line names
     * its product's SKU (read in two statements, a sale whose product came after the product read
     * was written with an empty SKU, which its import then refused).
     */
    @OnBothStores
    void anExportRunningBesideWritesIsOneSnapshot(Dialect store) throws Exception {
        open(store);
        AtomicBoolean go = new AtomicBoolean(true);
        CompletableFuture<Integer> writer;
        try (Database other = this.store.open()) {
            Instant start = Instant.parse("2026-12-01T09:00:00Z");
            writer = OwnThread.run("writer", () -> {
                int i = 0;
                while (go.get() && i < 3_000) {
                    int n = i++;
                    other.write(c -> { // a product and its sale in one transaction
                        long id;
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO product (sku, name,"
                                + " regular_price, stock, created_at, updated_at) VALUES (?, 'n', '10.00', 1, 0, 0)",
                                Statement.RETURN_GENERATED_KEYS)) {
                            ps.setString(1, "W-" + n);
                            ps.executeUpdate();
                            try (ResultSet rs = ps.getGeneratedKeys()) {
                                rs.next();
                                id = rs.getLong(1);
                            }
                        }
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO flash_sale (product_id,"
                                + " flash_price, starts_at, ends_at, created_at, updated_at) VALUES (?, '5.00', ?, ?, 0, 0)")) {
                            ps.setLong(1, id);
                            ps.setLong(2, start.toEpochMilli());
                            ps.setLong(3, start.plusSeconds(3600).toEpochMilli());
                            ps.executeUpdate();
                        }
                        return null;
                    });
                }
                return i;
            });
            try {
                for (int round = 0; round < 300 && !writer.isDone(); round++) {
                    StringWriter out = new StringWriter();
                    admin.exportSales(out);
                    for (String line : out.toString().lines().skip(1).toList()) {
                        assertTrue(line.startsWith("W-"), "round " + round + ": a sale without its product's SKU: " + line);
                    }
                }
            } finally {
                go.set(false);
                writer.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
