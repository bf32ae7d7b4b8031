package dev.flashsale.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flashsale.cache.CacheKeys;
import dev.flashsale.sale.Invalidation;
import dev.flashsale.sale.invalidation.Invalidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;

/**
 * The invalidation bus: after a commit, the keys go from the shared tier (value and lease) and a
 * message naming the origin node goes to every node ({@code PUBLISH}), which drop them from their
 * own caches. Every node also deletes in Redis what it hears of through the database's log (the
 * writer may not have reached Redis). While Redis is out of reach, what should have been deleted
 * there is remembered (bounded; past the bound, "everything") and deleted when Redis answers
 * again, before this node reads the shared tier again, so it never serves what a write made stale.
 */
public final class RedisBus implements Invalidator.Bus {

    static final int MAX_PENDING_KEYS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(RedisBus.class.getName());

    private final RedisLink link;
    private final RedisKeys keys;
    private final Set<String> pendingKeys = new LinkedHashSet<>();
    private final Set<String> pendingNamespaces = new LinkedHashSet<>();
    private boolean pendingAll;
    /** Anything pending: read without a lock on every shared-tier miss. */
    private volatile boolean hasPending;

    public RedisBus(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
        link.addListener(up -> {
            if (up) {
                replayPending();
            }
        });
        // what was invalidated while the link was coming back (the listener above had run)
        link.addAfterUp(this::retryPending);
    }

    /**
     * True while a deletion of {@code key} in Redis is pending (Redis was out of reach, or refused
     * it): the shared tier may still hold the value that invalidation made stale, so this node
     * neither reads it there nor writes over it until the deletion went through.
     */
    public boolean blocks(String key) {
        if (!hasPending) {
            return false;
        }
        synchronized (this) {
            return pendingAll || pendingKeys.contains(key)
                    || pendingNamespaces.contains(CacheKeys.namespaceOf(key));
        }
    }

    /**
     * Tries again what is pending, while the link is up (it may be pending because Redis refused
     * it, or because it was made while the link was recovering). Called about once a second.
     */
    void retryPending() {
        if (!hasPending || !link.isUp()) {
            return;
        }
        Pending todo = pending();
        if (todo.invalidations().stream().allMatch(inv -> link.run(j -> deleteShared(j, inv)))) {
            done(todo);
        }
    }

    /** What is pending now; it stays pending (and blocks its keys) until {@link #done} says it went through. */
    private record Pending(boolean all, Set<String> keys, Set<String> namespaces) {
        List<Invalidation> invalidations() {
            List<Invalidation> out = new ArrayList<>();
            if (all) {
                out.add(Invalidation.all());
                return out;
            }
            if (!keys.isEmpty()) {
                out.add(Invalidation.keys(keys));
            }
            namespaces.forEach(ns -> out.add(Invalidation.namespace(ns)));
            return out;
        }
    }

    private synchronized Pending pending() {
        return new Pending(pendingAll, new LinkedHashSet<>(pendingKeys), new LinkedHashSet<>(pendingNamespaces));
    }

    /** Forgets what {@code p} named, keeping anything that became pending since. */
    private synchronized void done(Pending p) {
        if (p.all()) {
            pendingAll = false;
        }
        pendingKeys.removeAll(p.keys());
        pendingNamespaces.removeAll(p.namespaces());
        hasPending = pendingAll || !pendingKeys.isEmpty() || !pendingNamespaces.isEmpty();
    }

    @Override
    public void publish(String origin, Invalidation invalidation) {
        boolean done = link.run(j -> {
            deleteShared(j, invalidation);
            j.publish(keys.channel(), message(origin, invalidation));
        });
        if (!done) {
            remember(invalidation); // the other nodes hear it from the log; the shared tier must wait
        }
    }

    @Override
    public void heardFromLog(Invalidation invalidation) {
        if (!link.run(j -> deleteShared(j, invalidation))) {
            remember(invalidation);
        }
    }

    /** Deletes in Redis what {@code inv} names: values and leases. */
    void deleteShared(Jedis j, Invalidation inv) {
        switch (inv.kind()) {
            case KEY -> {
                List<String> del = new ArrayList<>(inv.targets().size() * 2);
                for (String k : inv.targets()) {
                    del.add(keys.value(k));
                    del.add(keys.lease(k));
                }
                for (int i = 0; i < del.size(); i += 1_000) {
                    j.del(del.subList(i, Math.min(del.size(), i + 1_000)).toArray(String[]::new));
                }
            }
            case NAMESPACE -> {
                for (String ns : inv.targets()) {
                    deleteMatching(j, keys.valuePattern(ns));
                }
            }
            case ALL -> deleteMatching(j, keys.valuePattern(null));
        }
    }

    private void deleteMatching(Jedis j, String pattern) {
        Scan.pages(j, pattern, 1_000, found -> {
            List<String> del = new ArrayList<>(found.size() * 2);
            for (String valueKey : found) {
                del.add(valueKey);
                del.add(keys.lease(keys.cacheKeyOf(valueKey)));
            }
            j.del(del.toArray(String[]::new));
        });
    }

    private synchronized void remember(Invalidation inv) {
        if (pendingAll) {
            return;
        }
        switch (inv.kind()) {
            case KEY -> pendingKeys.addAll(inv.targets());
            case NAMESPACE -> pendingNamespaces.addAll(inv.targets());
            case ALL -> pendingAll = true;
        }
        if (pendingKeys.size() + pendingNamespaces.size() > MAX_PENDING_KEYS) {
            pendingAll = true;
        }
        if (pendingAll) {
            pendingKeys.clear();
            pendingNamespaces.clear();
        }
        hasPending = true;
    }

    /** Redis answers again: before anything reads the shared tier, what it missed is deleted there. */
    private void replayPending() {
        if (!hasPending) {
            return;
        }
        Pending todo = pending();
        for (Invalidation inv : todo.invalidations()) {
            if (!link.runRecovering(j -> deleteShared(j, inv))) {
                return; // the link stays down, and this stays pending
            }
        }
        done(todo);
        LOG.info("Redis is back: the shared tier dropped what was invalidated while it was away");
    }

    static String message(String origin, Invalidation inv) {
        ObjectNode m = JSON.createObjectNode();
        m.put("origin", origin);
        m.put("kind", inv.kind().stored());
        var targets = m.putArray("targets");
        inv.targets().forEach(targets::add);
        return m.toString();
    }

    /** The origin and the invalidation of a bus message, or null for a message that is not one. */
    static Heard parse(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            String origin = m.path("origin").asText(null);
            Invalidation.Kind kind = Invalidation.Kind.fromStored(m.path("kind").asText(""));
            List<String> targets = new ArrayList<>();
            m.path("targets").forEach(t -> targets.add(t.asText()));
            if (origin == null) {
                return null;
            }
            return new Heard(origin, new Invalidation(kind, targets));
        } catch (Exception e) {
            return null;
        }
    }

    record Heard(String origin, Invalidation invalidation) {
    }
}
