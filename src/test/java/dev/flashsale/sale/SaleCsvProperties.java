package dev.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.TestStore;
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
    /** One store of each kind, each with the product the files name. */
    private static final java.util.Map<Dialect, Database> DBS = new java.util.EnumMap<>(Dialect.class);
    private static final java.util.Map<Dialect, CatalogAdmin> ADMINS = new java.util.EnumMap<>(Dialect.class);

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("csv-properties");
        TestClock time = new TestClock(NOW);
        for (Dialect kind : Dialect.values()) {
            Database db = TestStore.create(kind, dir).open();
            CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().ticker(time.ticker()).wallClock(time).build(), time);
            admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
            DBS.put(kind, db);
            ADMINS.put(kind, admin);
        }
    }

    @AfterContainer
    static void close() throws IOException {
        DBS.values().forEach(Database::close);
        DBS.clear();
        ADMINS.clear();
        dev.flashsale.testing.TempFolders.delete(dir);
    }

    @Provide
    Arbitrary<String> cells() {
        return TypedInput.into("SPO-001", "79.95", "2026-12-01T09:00:00Z", "2026-12-01 18:00", "7");
    }

    private static final String DEMO_FILE = "sku,flash_price,starts_at,ends_at\nSPO-001,79.95,"
            + "2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n";

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("sku,flash_price;starts_at\"\r\n\uFEFF\u00000123456789-:TZ.")
                        .ofMaxLength(200),
                // the demo file with a NUL or a tab somewhere: text PostgreSQL cannot take or compare
                Arbitraries.integers().between(0, DEMO_FILE.length()).flatMap(i -> Arbitraries.of("\u0000", "\t")
                        .map(c -> DEMO_FILE.substring(0, i) + c + DEMO_FILE.substring(i))),
                Arbitraries.of(TypedInput.prefixes("sku,flash_price,starts_at,ends_at\nSPO-001,79.95,"
                        + "2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n")));
    }

    private static void importOrRefuse(Dialect store, String csv) {
        CatalogAdmin admin = ADMINS.get(store);
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
    void anyValueInAnyColumnOnSQLite(@ForAll("cells") String sku, @ForAll("cells") String price,
                                     @ForAll("cells") String start, @ForAll("cells") String end,
                                     @ForAll("cells") String saleId) throws IOException {
        importOrRefuse(Dialect.SQLITE, row(sku, price, start, end, saleId));
    }

    @Property(tries = 1500)
    void anyValueInAnyColumnOnPostgreSQL(@ForAll("cells") String sku, @ForAll("cells") String price,
                                         @ForAll("cells") String start, @ForAll("cells") String end,
                                         @ForAll("cells") String saleId) throws IOException {
        importOrRefuse(Dialect.POSTGRESQL, row(sku, price, start, end, saleId));
    }

    private static String row(String sku, String price, String start, String end, String saleId) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader("sku", "flash_price", "starts_at", "ends_at", "sale_id",
                "version").get().print(out)) {
            p.printRecord(sku, price, start, end, saleId, "1");
        }
        return out.toString();
    }

    @Property(tries = 1500)
    void anyFileOnSQLite(@ForAll("files") String csv) {
        importOrRefuse(Dialect.SQLITE, csv);
    }

    @Property(tries = 1500)
    void anyFileOnPostgreSQL(@ForAll("files") String csv) {
        importOrRefuse(Dialect.POSTGRESQL, csv);
    }
}
