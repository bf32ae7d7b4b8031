package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.AuditRange;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TypedInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit's export and retention as the Cache page offers them, on a real SQLite file, through
 * the view-model's properties and commands (work runs inline here; the FX hand-off too).
 */
class AuditModelTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;
    private final TestClock time = new TestClock(Instant.parse("2026-11-25T14:00:00Z"));
    private Database db;
    private CacheControl control;
    private AuditModel model;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("store.db"));
        TtlCache<Object> cache = TtlCache.builder().ticker(time.ticker()).wallClock(time).build();
        control = new CacheControl(db, cache, new CatalogService(db, cache, time), time, "alice");
        model = new AuditModel(control, Runnable::run, Runnable::run, time, BERLIN);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void exportsTheChosenDaysWholeInTheUsersZone() throws Exception {
        // 22:30 UTC on the 20th is 23:30 in Berlin, the 20th's; 23:30 UTC on the 22nd is already 00:30 on the
        // 23rd in Berlin: outside a range whose last day is the 22nd
        time.setWall(Instant.parse("2026-11-20T22:30:00Z"));
        control.invalidate("price:1");
        time.setWall(Instant.parse("2026-11-22T23:30:00Z"));
        control.invalidate("price:2");
        time.setWall(Instant.parse("2026-11-25T14:00:00Z"));
        model.fromProperty().set(LocalDate.of(2026, 11, 20));
        model.toProperty().set(LocalDate.of(2026, 11, 22));
        Path file = dir.resolve("audit.csv");
        model.export(file);
        assertEquals("Exported 1 audit row (20 Nov 2026 to 22 Nov 2026) to audit.csv.", model.messageProperty().get());
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("2026-11-20T22:30:00Z,,alice,"), lines.get(1));
        assertFalse(Files.exists(dir.resolve("audit.csv.part")));
    }

    @Test
    void aRangeEndingBeforeItStartsIsSaidAndNothingIsWritten() {
        model.fromProperty().set(LocalDate.of(2026, 11, 22));
        model.toProperty().set(LocalDate.of(2026, 11, 20));
        assertEquals("The last day is before the first.", model.rangeProblemProperty().get());
        assertFalse(model.exportableProperty().get());
        model.toProperty().set(null); // what a day picker holds after text that is no day
        assertTrue(model.rangeProblemProperty().get().startsWith("Choose the first and the last day"));
        Path file = dir.resolve("none.csv");
        model.export(file);
        assertFalse(Files.exists(file));
    }

    @Test
    void anUnwritableFileIsSaidInWords() {
        Path file = dir.resolve("no-such-folder").resolve("audit.csv");
        model.export(file);
        assertTrue(model.messageProperty().get().startsWith("Could not write audit.csv"), model.messageProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void theRetentionIsReadAndSetAndOlderRowsGo() {
        control.invalidate("price:1");
        time.advance(Duration.ofDays(40));
        model.load();
        assertEquals("90", model.retentionTextProperty().get());
        assertFalse(model.retentionSavableProperty().get(), "nothing to save: it keeps 90 already");
        model.retentionTextProperty().set("30");
        assertTrue(model.retentionSavableProperty().get());
        model.saveRetention();
        assertEquals("The audit now keeps 30 days (1 older row removed).", model.messageProperty().get());
        assertEquals(30, control.auditRetentionDays());
        assertFalse(model.retentionSavableProperty().get());
    }

    /** As people type: every prefix of a valid number, awkward shapes, any text: a message or a number kept. */
    @Test
    void anyTextTypedAsTheRetentionIsAMessageOrAValidNumber() {
        int kept = control.auditRetentionDays();
        qt().withExamples(2000).forAll(TypedInput.into("3650", "90", "1")).checkAssert(text -> {
            model.retentionTextProperty().set(text);
            String problem = model.retentionProblemProperty().get();
            if (problem.isEmpty()) {
                int days = Integer.parseInt(text.strip());
                assertTrue(days >= 1 && days <= CacheControl.MAX_AUDIT_RETENTION_DAYS, text);
            } else {
                assertFalse(model.retentionSavableProperty().get(), "Save is off while the text says: " + problem);
                model.saveRetention();
            }
        });
        assertEquals(kept, control.auditRetentionDays(), "no invalid text was saved");
    }

    /** The command line's bounds: any text is a range or a message, never another exception. */
    @Test
    void anyTextAsACommandLineBoundIsARangeOrAMessage() {
        Instant now = Instant.parse("2026-11-25T14:00:00Z");
        qt().withExamples(2000).forAll(TypedInput.into("2026-11-01", "2026-11-01T08:00:00Z"),
                TypedInput.into("2026-11-30", "2026-11-30T08:00:00Z")).checkAssert((from, to) -> {
                    try {
                        AuditRange r = AuditRange.parse(from, to, BERLIN, now);
                        assertTrue(r.from().isBefore(r.to()));
                    } catch (ValidationException e) {
                        assertTrue(e.getMessage().contains("--from") || e.getMessage().contains("--to"), e.getMessage());
                    }
                });
        AuditRange november = AuditRange.parse("2026-11-01", "2026-11-30", BERLIN, now);
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), november.from());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), november.to(), "the last day whole");
        assertEquals(Instant.EPOCH, AuditRange.parse(null, null, BERLIN, now).from());
    }
}
