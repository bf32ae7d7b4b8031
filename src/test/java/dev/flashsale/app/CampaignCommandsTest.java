package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestStore;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campaigns} commands as an operator's script runs them, each its own process, while a node
 * serves the store: what a command creates, shifts or cancels is what the node serves next.
 */
class CampaignCommandsTest {

    @TempDir
    Path dir;
    private TestStore store;
    /** What {@code --db} names: the file, or the PostgreSQL URL. */
    private String db;

    private void seed(Dialect kind) {
        store = TestStore.create(kind, dir, "shop.db");
        db = store.dbArgument();
        try (Database d = store.open()) {
            DemoCatalog.seed(d, Clock.systemUTC());
        }
    }

    private NodeProcess.Result cli(String... args) throws Exception {
        return NodeProcess.runMain(Duration.ofSeconds(60), store.env(), args);
    }

    private long count(String sql) {
        try (Database d = store.open()) {
            return d.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            });
        }
    }

    @OnBothStores
    void aCampaignCreatedShiftedAndCancelledIsWhatARunningNodeServes(Dialect kind) throws Exception {
        seed(kind);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String price = "/api/products/5/price"; // HOM-003, 429.00, no demo sale
        try (NodeProcess node = NodeProcess.start(store, "--ttl", "300")) {
            node.awaitBody(price, "\"price\":\"429.00\"");

            NodeProcess.Result dry = cli("campaigns", "create", "--db", db, "--name", "Launch", "--starts",
                    now.minusSeconds(60).toString(), "--ends", now.plus(Duration.ofHours(2)).toString(), "--percent-off", "25",
                    "--dry-run", "HOM-003", "TEC-002", "OUT-002");
            assertEquals(0, dry.exit(), dry.toString());
            assertTrue(dry.out().contains("HOM-003") && dry.out().contains("321.75"), dry.out());
            assertTrue(dry.out().contains("It can be saved (--dry-run: nothing was written)."), dry.out());
            assertEquals(0, count("SELECT COUNT(*) FROM campaign"));

            NodeProcess.Result made = cli("campaigns", "create", "--db", db, "--name", "Launch", "--starts",
                    now.minusSeconds(60).toString(), "--ends", now.plus(Duration.ofHours(2)).toString(), "--percent-off", "25",
                    "HOM-003", "TEC-002", "OUT-002");
            assertEquals(0, made.exit(), made.toString());
            assertTrue(made.out().contains("Created campaign \"Launch\": 3 sales"), made.out());
            node.awaitBody(price, "\"price\":\"321.75\""); // the node's cached 429.00 was invalidated

            NodeProcess.Result again = cli("campaigns", "create", "--db", db, "--name", "Launch", "--starts",
                    now.toString(), "--ends", now.plus(Duration.ofHours(1)).toString(), "--price", "1", "HOM-001", "NOPE");
            assertEquals(1, again.exit(), again.toString());
            assertTrue(again.err().contains("a campaign named \"Launch\" exists already"), again.err());
            assertTrue(again.err().contains("NOPE: no product with this SKU"), again.err());
            assertTrue(again.err().contains("Nothing was written."), again.err());

            NodeProcess.Result moved = cli("campaigns", "shift", "--db", db, "--name", "Launch", "--by", "PT3H");
            assertEquals(0, moved.exit(), moved.toString());
            node.awaitBody(price, "\"price\":\"429.00\""); // starts in three hours now
            NodeProcess.Result list = cli("campaigns", "list", "--db", db);
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("Launch") && l.contains("SCHEDULED")
                    && l.contains(" 3 ") && l.contains("25 % off")), list.out());

            NodeProcess.Result back = cli("campaigns", "shift", "--db", db, "--name", "Launch", "--by", "-PT3H");
            assertEquals(0, back.exit(), back.toString());
            node.awaitBody(price, "\"price\":\"321.75\"");
            NodeProcess.Result cancelled = cli("campaigns", "cancel", "--db", db, "--name", "Launch");
            assertEquals(0, cancelled.exit(), cancelled.toString());
            node.awaitBody(price, "\"price\":\"429.00\"");
            assertEquals(0, count("SELECT COUNT(*) FROM flash_sale WHERE campaign_id IS NOT NULL"));
            assertEquals(1, count("SELECT COUNT(*) FROM campaign WHERE cancelled_at IS NOT NULL"), "kept, marked");
        }
    }

    @Test
    void timesAZoneSkipsOrHasTwiceAreRefusedNotGuessed() throws Exception {
        seed(Dialect.SQLITE);
        NodeProcess.Result r = cli("campaigns", "create", "--db", db, "--name", "Spring", "--zone",
                "Europe/Berlin", "--starts", "2027-03-28T02:30", "--ends", "2027-10-31T02:30", "--price", "5", "OUT-002");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("--starts 2027-03-28T02:30 does not exist in Europe/Berlin (clocks go forward from"
                + " 02:00 to 03:00 that day)"), r.err());
        assertTrue(r.err().contains("--ends 2027-10-31T02:30 happens twice in Europe/Berlin (clocks go back that day):"
                + " give the offset, 2027-10-31T02:30+02:00 (the first) or 2027-10-31T02:30+01:00 (the second)"), r.err());
        NodeProcess.Result zone = cli("campaigns", "create", "--db", db, "--name", "Z", "--zone", "Mars/Base",
                "--starts", "2027-01-01T00:00", "--ends", "2027-01-02T00:00", "--price", "5", "OUT-002");
        assertEquals(2, zone.exit(), zone.toString());
        NodeProcess.Result noRule = cli("campaigns", "create", "--db", db, "--name", "Z",
                "--starts", "2027-01-01T00:00", "--ends", "2027-01-02T00:00", "OUT-002");
        assertEquals(2, noRule.exit(), "a rule is required: " + noRule);
        assertEquals(0, count("SELECT COUNT(*) FROM campaign"));
    }
}
