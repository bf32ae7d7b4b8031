package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flashsale.testing.CachedTraffic;
import dev.flashsale.testing.Closing;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL with a streaming standby, with real processes: three storefront nodes name both
 * servers ({@code postgresql://fsc@P1,P2/db}, the driver picking the primary). The primary crashes
 * under load and the standby is promoted: cached answers never fail, and the nodes reconnect to
 * the new primary by themselves: an import made there is served by every node, heard through the
 * log on the new primary.
 */
@Tag("slow") // processes, real servers and failures: on one JDK in CI (see .ci/run)
@Timeout(300)
class PostgresFailoverTest {

    private static final int PRODUCTS = 12; // the demo catalog

    @TempDir
    Path dir;
    private PostgresServer primary;
    private PostgresServer standby;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private CachedTraffic traffic;
    private final Closing closing = new Closing();

    @AfterEach
    void stopAll() throws Exception {
        closing.close();
    }

    @Test
    void theNodesFollowAPromotedStandbyByThemselves() throws Exception {
        primary = closing.add(PostgresServer.start());
        String database = primary.newDatabase();
        standby = closing.add(primary.startStandby());
        String url = "postgresql://" + PostgresServer.USER + "@127.0.0.1:" + primary.port() + ",127.0.0.1:"
                + standby.port() + "/" + database;
        for (int i = 0; i < 3; i++) {
            NodeProcess n = closing.add(NodeProcess.start(url, PostgresServer.env(), "--ttl", "600"));
            nodes.add(n);
            n.url();
        }
        for (NodeProcess n : nodes) {
            for (int id = 1; id <= PRODUCTS; id++) {
                assertEquals(200, n.get("/api/products/" + id + "/price").statusCode()); // cached for 10 minutes
            }
        }

        traffic = closing.add(CachedTraffic.start(nodes, PRODUCTS));
        Thread.sleep(500);

        primary.crash();
        // no primary: a key no node holds cannot be loaded, and says so at once (503), never hangs
        HttpResponse<String> during = nodes.get(0).get("/api/products/3/flash-status");
        assertEquals(503, during.statusCode(), during.body());
        Thread.sleep(1_000); // the time it takes someone (or something) to decide to promote
        long promoting = System.nanoTime();
        standby.promote();
        long promoted = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - promoting);

        // writes work again through the same URL: an import, retried until the store takes it
        Instant start = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MINUTES);
        Path csv = dir.resolve("after.csv");
        Files.writeString(csv, "sku,flash_price,starts_at,ends_at\nAUD-002,150.00," + start + ","
                + start.plus(Duration.ofDays(1)) + "\n");
        NodeProcess.Result imported = null;
        int attempts = 0;
        while (System.nanoTime() - promoting < TimeUnit.SECONDS.toNanos(60)) {
            attempts++;
            imported = NodeProcess.runMain(Duration.ofSeconds(60), PostgresServer.env(), "sales", "import", "--db", url,
                    csv.toString());
            if (imported.exit() == 0) {
                break;
            }
            System.out.println("import attempt " + attempts + " after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - promoting) + " ms: " + imported);
        }
        assertEquals(0, imported.exit(), imported.toString());
        long written = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - promoting);
        long[] served = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).awaitBody("/api/products/2/flash-status", "\"status\":\"SCHEDULED\"");
            served[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - promoting);
        }
        long again = System.nanoTime(); // the same command on the settled store: what a command costs anyway
        NodeProcess.Result unchanged = NodeProcess.runMain(Duration.ofSeconds(60), PostgresServer.env(), "sales",
                "list", "--db", url);
        assertEquals(0, unchanged.exit(), unchanged.toString());
        long baseline = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - again);
        CachedTraffic.Seen seen = traffic.stop();
        System.out.printf("postgresql failover: promotion took %d ms; the import was written %d ms after the promotion"
                + " was asked for (attempt %d) and served by every node after %d, %d, %d ms; %d requests for cached"
                + " keys, none failed; `sales list` on the settled store takes %d ms%n", promoted, written,
                attempts, served[0], served[1], served[2], seen.answered(), baseline);
        assertEquals(null, seen.firstFailure(), "every request for a cached key answered 200 through the failover");
        for (int id = 1; id <= PRODUCTS; id++) { // loads on the new primary answer
            HttpResponse<String> r = nodes.get(0).get("/api/products/" + id + "/flash-status");
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals(200, nodes.get(1).get("/api/flash-sales/active").statusCode());
    }
}
