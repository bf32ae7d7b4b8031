package dev.flashsale.sale.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import dev.flashsale.testing.TypedInput;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every CSV column, and whole files, fed arbitrary text: the import either refuses with messages
 * naming lines, or saves valid sales; nothing else is ever thrown and a refusal writes nothing.
 */
class SaleCsvProperties {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @TempDir
    static Path dir;
    /** One store of each kind, each with the product the files name. */
    private static final Map<Dialect, Database> DBS = new EnumMap<>(Dialect.class);
    private static final Map<Dialect, CatalogAdmin> ADMINS = new EnumMap<>(Dialect.class);

    @BeforeAll
    static void open() {
        TestClock time = new TestClock(NOW);
        for (Dialect kind : Dialect.values()) {
            Database db = TestStore.create(kind, dir).open();
            CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().ticker(time.ticker()).wallClock(time).build(), time);
            admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
            DBS.put(kind, db);
            ADMINS.put(kind, admin);
        }
    }

    @AfterAll
    static void close() {
        DBS.values().forEach(Database::close);
        DBS.clear();
        ADMINS.clear();
    }

    /** The five cells of a line: sku, flash_price, starts_at, ends_at, sale_id. */
    private static Gen<List<String>> rows() {
        return lists().of(TypedInput.into("SPO-001", "79.95", "2026-12-01T09:00:00Z", "2026-12-01 18:00", "7"))
                .ofSize(5);
    }

    private static final String DEMO_FILE = "sku,flash_price,starts_at,ends_at\nSPO-001,79.95,"
            + "2026-12-01T09:00:00Z,2026-12-01T18:00:00Z\n";

    private static Gen<String> files() {
        return Generate.frequency(List.of(
                Pair.of(1, TypedInput.anyText(200)),
                Pair.of(1, TypedInput.ofChars("sku,flash_price;starts_at\"\r\n\uFEFF\u00000123456789-:TZ.", 200)),
                // the demo file with a NUL or a tab somewhere: text PostgreSQL cannot take or compare
                Pair.of(1, integers().between(0, DEMO_FILE.length()).zip(Generate.pick(List.of("\u0000", "\t")),
                        (i, c) -> DEMO_FILE.substring(0, i) + c + DEMO_FILE.substring(i))),
                Pair.of(1, Generate.pick(TypedInput.prefixes(DEMO_FILE)))));
    }

    private static void importOrRefuse(Dialect store, String csv) {
        CatalogAdmin admin = ADMINS.get(store);
        Set<Long> existing = admin.sales().stream().map(FlashSale::id).collect(Collectors.toSet());
        int before = existing.size();
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
            List<FlashSale> created = admin.sales().stream().filter(s -> !existing.contains(s.id())).toList();
            assertEquals(r.created(), created.size(), "the result counts the sales it created");
            for (FlashSale s : created) {
                admin.deleteSale(s.id(), s.version());
            }
        } catch (ValidationException e) {
            assertFalse(e.getMessage().isBlank());
            assertEquals(before, admin.sales().size(), "a refused import writes nothing");
        }
    }

    @Test
    void anyValueInAnyColumnOnSQLite() {
        qt().withExamples(1500).forAll(rows()).checkAssert(cells -> importOrRefuse(Dialect.SQLITE, row(cells)));
    }

    @Test
    void anyValueInAnyColumnOnPostgreSQL() {
        qt().withExamples(1500).forAll(rows()).checkAssert(cells -> importOrRefuse(Dialect.POSTGRESQL, row(cells)));
    }

    /** One line (sku, price, start, end, sale_id) of version 1 under the export's header. */
    private static String row(List<String> cells) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader("sku", "flash_price", "starts_at", "ends_at", "sale_id",
                "version").get().print(out)) {
            p.printRecord(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4), "1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Test
    void anyFileOnSQLite() {
        qt().withExamples(1500).forAll(files()).checkAssert(csv -> importOrRefuse(Dialect.SQLITE, csv));
    }

    @Test
    void anyFileOnPostgreSQL() {
        qt().withExamples(1500).forAll(files()).checkAssert(csv -> importOrRefuse(Dialect.POSTGRESQL, csv));
    }

    /**
     * Any SKU a product may have, exported and read back, is itself, and its cell never starts
     * with what a spreadsheet runs as a formula (=, +, -, @).
     */
    @Test
    void anySkuComesBackFromAnExportAndIsNeverAFormula() {
        Gen<String> skus = Generate.frequency(List.of(
                Pair.of(2, TypedInput.anyText(1, 20)),
                Pair.of(3, TypedInput.ofChars("=+-@'\" ,;A1", 8).assuming(t -> !t.isEmpty())))).assuming(
                        t -> t.equals(t.strip()) && !t.isEmpty() && !CatalogRules.hasControlCharacters(t));
        FlashSale sale = new FlashSale(7, 1, new BigDecimal("5.00"), NOW, NOW.plusSeconds(3600), NOW, NOW, 1);
        qt().withExamples(2000).forAll(skus).checkAssert(sku -> {
            StringWriter out = new StringWriter();
            SaleCsv.write(out, List.of(sale), id -> sku);
            String cell = out.toString().lines().skip(1).findFirst().orElseThrow();
            cell = cell.startsWith("\"") ? cell.substring(1) : cell;
            assertFalse("=+-@".indexOf(cell.charAt(0)) >= 0, "a spreadsheet would run " + cell);
            SaleCsv.Line back = SaleCsv.read(new StringReader(out.toString())).get(0);
            assertEquals(null, back.error());
            assertEquals(sku, back.sku());
        });
    }
}
