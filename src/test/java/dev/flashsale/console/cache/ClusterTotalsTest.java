package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.CacheStats;
import dev.flashsale.cluster.NodeFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster's figures as the console adds them up: every node, and one that falls silent. */
class ClusterTotalsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static NodeFigures node(String id, long hits, long misses, long entries, double rps) {
        return new NodeFigures(id, "http://127.0.0.1:1", "h", 1, "v", T0,
                new CacheStats(hits, misses, misses, 0, misses * 1_000_000, 0, 0, 0), entries, rps, "UP");
    }

    @Test
    void theSumsAreEveryNodesCountersEntriesAndRequests() {
        ClusterTotals t = new ClusterTotals();
        t.update(List.of(node("a", 900, 100, 50, 1_000), node("b", 2_400, 0, 70, 2_400)), T0);
        ClusterTotals.Sums s = t.sums();
        assertEquals(3_300, s.stats().hits());
        assertEquals(100, s.stats().misses());
        assertEquals(100, s.stats().loads());
        assertEquals(120, s.entries());
        assertEquals(3_400, s.requestsPerSecond(), 1e-9);
        assertEquals(3_300 / 3_400.0, s.stats().hitRate(), 1e-9, "the cluster's rate, not an average of rates");
        assertEquals(2, s.reporting());
        assertEquals(0, s.silent());
    }

    @Test
    void aNodeThatStopsReportingIsMarkedAndItsCountersStayUntilItIsForgotten() {
        ClusterTotals t = new ClusterTotals();
        t.update(List.of(node("a", 900, 100, 50, 1_000), node("b", 2_400, 0, 70, 2_400)), T0);
        t.update(List.of(node("a", 1_900, 100, 50, 1_000)), T0.plusSeconds(5));
        ClusterTotals.Sums s = t.sums();
        assertEquals(1_900 + 2_400, s.stats().hits(), "b's hits happened: the cluster's total does not go back");
        assertEquals(50, s.entries(), "but b serves nothing now: no entries, no requests");
        assertEquals(1_000, s.requestsPerSecond(), 1e-9);
        assertEquals(1, s.silent());
        ClusterTotals.Known b = t.node("b");
        assertFalse(b.reporting());
        assertEquals(T0, b.silentSince(), "silent since its last report");
        assertEquals(List.of("a", "b"), t.nodes().stream().map(k -> k.figures().id()).toList(), "reporting first");

        t.update(List.of(node("a", 2_000, 100, 50, 1_000), node("b", 2_500, 0, 10, 5)), T0.plusSeconds(6));
        assertTrue(t.node("b").reporting(), "back: reporting again");
        t.update(List.of(node("a", 2_000, 100, 50, 1_000)), T0.plusSeconds(7));
        t.update(List.of(node("a", 2_000, 100, 50, 1_000)),
                T0.plusSeconds(6).plus(ClusterTotals.FORGET_AFTER).plusSeconds(1));
        assertNull(t.node("b"), "forgotten after the charts' window");
        assertEquals(2_000, t.sums().stats().hits());
    }

    @Test
    void withRedisDownEveryNodeIsSilentAndNothingIsLost() {
        ClusterTotals t = new ClusterTotals();
        t.update(List.of(node("a", 10, 0, 5, 3)), T0);
        t.update(List.of(), T0.plus(Duration.ofSeconds(2)));
        assertEquals(10, t.sums().stats().hits());
        assertEquals(0, t.sums().reporting());
        assertEquals(1, t.sums().silent());
    }
}
