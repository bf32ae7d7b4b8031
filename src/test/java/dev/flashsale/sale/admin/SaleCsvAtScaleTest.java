package dev.flashsale.sale.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sales files at an event's scale: read a line at a time (no size a sales file could have is
 * refused for being large, only past 512 MB), imported all-or-nothing, cancellable, and an
 * export of more sales than the old limits (10,000 rows, 4 MB) comes back unchanged.
 */
class SaleCsvAtScaleTest {

    private static final String HEADER = "sku,flash_price,starts_at,ends_at\n";

    @TempDir
    Path dir;

    private final TestClock time = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
    private Database db;
    private CatalogAdmin admin;

    private void open(Dialect kind) {
        db = TestStore.create(kind, dir, "store.db").open();
        admin = new CatalogAdmin(db, TtlCache.builder().ticker(time.ticker()).wallClock(time).build(), time);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void lineNumbersStayTheFilesAcrossEmptyLinesAndQuotedLineBreaks() {
        String file = HEADER
                + "\n"                                                                  // line 2, empty
                + "\"TWO\nLINES\",1.00,2026-12-01T09:00:00Z,2026-12-01T10:00:00Z\n"    // lines 3-4
                + "   \n"                                                               // line 5, blank
                + "X,abc,2026-12-01T09:00:00Z,2026-12-01T10:00:00Z\r\n"                 // line 6
                + "Y,1.00,2026-12-01T09:00:00Z,2026-12-01T10:00:00Z";                   // line 7, no line end
        List<SaleCsv.Line> lines = SaleCsv.read(new StringReader(file));
        assertEquals(List.of(3L, 6L, 7L), lines.stream().map(SaleCsv.Line::number).toList());
        assertTrue(lines.get(0).error().contains("control character"), lines.get(0).error());
        assertTrue(lines.get(1).error().contains("'abc'"), lines.get(1).error());
        assertEquals(null, lines.get(2).error());
    }

    /**
     * An endless file of valid lines is read a line at a time and refused once past the limit,
     * with a message saying the limit: it is never held whole (the old reader held it as one String
     * and refused anything over 4 MB). Here with a limit of 16 MB, so the test reads 16 MB, not 512.
     */
    @Test
    void aFileLargerThanTheLimitIsRefusedSayingTheLimit() {
        long[] read = {0};
        ValidationException e = assertThrows(ValidationException.class, () -> {
            try (SaleCsv.Lines lines = SaleCsv.open(new EndlessSales(), 16L * 1024 * 1024)) {
                while (lines.hasNext()) {
                    lines.next();
                    read[0]++;
                }
            }
        });
        assertEquals("the file is larger than 16 MB; split it into several files (an export of 150,000 sales is 11 MB)",
                e.getMessage());
        long lineLength = EndlessSales.LINE.length();
        assertTrue(read[0] > 16L * 1024 * 1024 / lineLength - 2_000, "lines read before the limit: " + read[0]);
        assertEquals(512L * 1024 * 1024, SaleCsv.MAX_CHARS, "the limit files are held to");
    }

    @OnBothStores
    void anExportOfMoreSalesThanTheOldLimitsComesBackUnchanged(Dialect store) {
        open(store);
        int products = 500;
        int perProduct = 25; // 12,500 sales: more rows than the old limit of 10,000
        StringBuilder csv = new StringBuilder(HEADER);
        Instant first = Instant.parse("2026-12-01T00:00:00Z");
        for (int p = 1; p <= products; p++) {
            admin.createProduct(String.format("EVT-%05d", p), "Event product " + p, new BigDecimal("20.00"), 1);
            for (int w = 0; w < perProduct; w++) {
                Instant start = first.plus(Duration.ofHours(2L * w));
                csv.append(String.format("EVT-%05d,9.99,%s,%s%n", p, start, start.plus(Duration.ofHours(1))));
            }
        }
        CatalogAdmin.ImportResult created = admin.importSales(SaleCsv.open(new StringReader(csv.toString())),
                CatalogAdmin.ImportWatch.NONE);
        assertEquals(products * perProduct, created.created());

        StringWriter exported = new StringWriter();
        assertEquals(products * perProduct, admin.exportSales(exported));
        CatalogAdmin.ImportResult again = admin.importSales(SaleCsv.open(new StringReader(exported.toString())),
                CatalogAdmin.ImportWatch.NONE);
        assertEquals(new CatalogAdmin.ImportResult(0, 0, products * perProduct), again, "every line unchanged");
    }

    @OnBothStores
    void aCancelledImportWritesNothing(Dialect store) {
        open(store);
        Product p = admin.createProduct("SKU-1", "One", new BigDecimal("20.00"), 1);
        StringBuilder csv = new StringBuilder(HEADER);
        Instant first = Instant.parse("2026-12-01T00:00:00Z");
        for (int w = 0; w < 50; w++) {
            Instant start = first.plus(Duration.ofHours(2L * w));
            csv.append("SKU-1,9.99,").append(start).append(',').append(start.plusSeconds(3600)).append('\n');
        }
        List<Long> seen = new ArrayList<>();
        CatalogAdmin.ImportCancelledException e = assertThrows(CatalogAdmin.ImportCancelledException.class,
                () -> admin.importSales(SaleCsv.open(new StringReader(csv.toString())), line -> {
                    seen.add(line);
                    return line < 30;
                }));
        assertEquals(30, e.line());
        assertEquals(29, seen.size(), "told of each line, the header not being one");

        // Cancelled after its last line was read (the watch is asked once more before the commit):
        List<Long> told = new ArrayList<>();
        CatalogAdmin.ImportCancelledException late = assertThrows(CatalogAdmin.ImportCancelledException.class,
                () -> admin.importSales(SaleCsv.open(new StringReader(csv.toString())), line -> {
                    boolean again = told.contains(line);
                    told.add(line);
                    return !again;
                }));
        assertEquals(51, late.line());
        assertEquals(2, seen.get(0));
        assertEquals(0, admin.sales().size(), "the 28 lines checked before the cancel were rolled back");
        assertEquals(p, admin.product(p.id()).orElseThrow());
    }

    @OnBothStores
    void thousandsOfBadLinesAreCountedNotAllListed(Dialect store) {
        open(store);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1_000; i++) {
            csv.append("NO-SUCH-").append(i).append(",9.99,2026-12-01T09:00:00Z,2026-12-01T10:00:00Z\n");
        }
        ValidationException e = assertThrows(ValidationException.class,
                () -> admin.importSales(SaleCsv.read(new StringReader(csv.toString()))));
        List<FieldError> errors = e.errors();
        assertEquals(CatalogAdmin.REFUSALS_LISTED + 1, errors.size());
        assertEquals("line 2: no product with SKU NO-SUCH-0", errors.get(0).message());
        assertEquals("... and 800 more lines refused", errors.get(errors.size() - 1).message());
    }

    /** A header, then the same valid line for ever; never held in memory (each read makes its characters). */
    private static final class EndlessSales extends Reader {
        private static final String LINE = "SKU-000001,9.99,2026-12-01T09:00:00Z,2026-12-01T10:00:00Z\n";
        private String current = HEADER;
        private int at;

        @Override
        public int read(char[] buf, int off, int len) {
            int n = 0;
            while (n < len) {
                if (at == current.length()) {
                    current = LINE;
                    at = 0;
                }
                int take = Math.min(len - n, current.length() - at);
                current.getChars(at, at + take, buf, off + n);
                at += take;
                n += take;
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
