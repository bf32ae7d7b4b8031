package dev.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.store.Database;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TypedInput;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every CSV column, and whole files, fed arbitrary text: the import either refuses with messages
 * naming lines, or saves valid sales; nothing else is ever thrown and a refusal writes nothing.
 */
class SaleCsvProperties {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static Path dir;
    private static Database db;
    private static CatalogAdmin admin;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("csv-properties");
        db = Database.open(dir.resolve("store.db"));
        TestClock time = new TestClock(NOW);
        admin = new CatalogAdmin(db, TtlCache.builder().ticker(time.ticker()).wallClock(time).build(), time);
        admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
    }

    @AfterContainer
    static void close() throws IOException {
        db.close();
        dev.flashsale.testing.TempFolders.delete(dir);
    }

    @Provide
    Arbitrary<String> cells() {
        return TypedInput.into("SPO-001", "79.95", "2026-12-01T09:00:00Z", "2026-12-01 18:00", "7");
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("sku,flash_price;starts_at\"\r\n\uFEFF0123456789-:TZ.").ofMaxLength(200),
                Arbitraries.of(TypedInput.prefixes("sku,flash_price,starts_at,ends_at\nSPO-001,79.95,"
                        + "2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n")));
    }

    private static void importOrRefuse(String csv) {
        int before = admin.sales().size();
        try {
            List<SaleCsv.Line> lines = SaleCsv.read(new StringReader(csv));
            for (SaleCsv.Line l : lines) {
                if (l.error() == null) {
                    assertNotNull(l.sku());
                    assertNotNull(l.flashPrice());
                    assertNotNull(l.startsAt());
                    assertNotNull(l.endsAt());
                } else {
                    assertFalse(l.error().isBlank());
                }
            }
            CatalogAdmin.ImportResult r = admin.importSales(lines);
            for (FlashSale s : r.created()) {
                admin.deleteSale(s.id(), s.version());
            }
        } catch (ValidationException e) {
            assertFalse(e.getMessage().isBlank());
            assertEquals(before, admin.sales().size(), "a refused import writes nothing");
        }
    }

    @Property(tries = 1500)
    void anyValueInAnyColumn(@ForAll("cells") String sku, @ForAll("cells") String price, @ForAll("cells") String start,
                             @ForAll("cells") String end, @ForAll("cells") String saleId) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader("sku", "flash_price", "starts_at", "ends_at", "sale_id",
                "version").get().print(out)) {
            p.printRecord(sku, price, start, end, saleId, "1");
        }
        importOrRefuse(out.toString());
    }

    @Property(tries = 1500)
    void anyFile(@ForAll("files") String csv) {
        importOrRefuse(csv);
    }
}
