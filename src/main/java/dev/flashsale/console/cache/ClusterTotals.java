package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheStats;
import dev.flashsale.cluster.NodeFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's figures, added up over the nodes the registry lists. A node that stops reporting
 * (killed, cut off) is not silently dropped: it stays, marked silent since its last report, and its
 * counters as last reported stay in the sums (they happened; dropping them would make the
 * cluster's hits go backwards), while its entries and requests per second no longer count. After
 * {@link #FORGET_AFTER} it is forgotten. Thread-safe: the registry is read on one thread, the
 * figures on another.
 */
final class ClusterTotals {

    /** How long a silent node stays listed (the charts' window). */
    static final Duration FORGET_AFTER = Duration.ofMinutes(5);

    /** A node as last heard of; {@code silentSince} null while it reports. */
    record Known(NodeFigures figures, Instant lastReport, Instant silentSince) {
        boolean reporting() {
            return silentSince == null;
        }
    }

    /** The sums: counters of every node known, entries and requests per second of those reporting. */
    record Sums(CacheStats stats, long entries, double requestsPerSecond, int reporting, int silent, long update) {
    }

    private final Map<String, Known> known = new LinkedHashMap<>();
    /** Counts the registry's lists read: figures of the same update are the same figures. */
    private long updates;

    /** The registry's list at {@code now}: nodes in it report; nodes known but missing from it fall silent. */
    synchronized void update(List<NodeFigures> live, Instant now) {
        Map<String, NodeFigures> byId = new LinkedHashMap<>();
        live.forEach(f -> byId.put(f.id(), f));
        known.replaceAll((id, k) -> byId.containsKey(id) ? k
                : k.reporting() ? new Known(k.figures(), k.lastReport(), k.lastReport()) : k);
        byId.forEach((id, f) -> known.put(id, new Known(f, now, null)));
        known.values().removeIf(k -> !k.reporting() && k.lastReport().plus(FORGET_AFTER).isBefore(now));
        updates++;
    }

    /** How many registry lists were read so far. */
    synchronized long updates() {
        return updates;
    }

    /** Every node known, reporting ones first, each group in the registry's order (by id). */
    synchronized List<Known> nodes() {
        List<Known> out = new ArrayList<>();
        known.values().stream().filter(Known::reporting).sorted((a, b) -> a.figures().id().compareTo(b.figures().id()))
                .forEach(out::add);
        known.values().stream().filter(k -> !k.reporting())
                .sorted((a, b) -> a.figures().id().compareTo(b.figures().id())).forEach(out::add);
        return out;
    }

    synchronized Sums sums() {
        CacheStats stats = CacheStats.EMPTY;
        long entries = 0;
        double rps = 0;
        int reporting = 0;
        for (Known k : known.values()) {
            stats = stats.plus(k.figures().stats());
            if (k.reporting()) {
                entries += k.figures().entries();
                rps += k.figures().requestsPerSecond();
                reporting++;
            }
        }
        return new Sums(stats, entries, rps, reporting, known.size() - reporting, updates);
    }

    /** The node {@code id} as last heard of, or null. */
    synchronized Known node(String id) {
        return known.get(id);
    }
}
