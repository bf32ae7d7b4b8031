package dev.flashsale.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flashsale.sale.Invalidation;
import dev.flashsale.sale.Invalidator;
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

    public RedisBus(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
        link.addListener(up -> {
            if (up) {
                replayPending();
            }
        });
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
    }

    private void replayPending() {
        List<Invalidation> todo = new ArrayList<>();
        synchronized (this) {
            if (pendingAll) {
                todo.add(Invalidation.all());
            } else {
                if (!pendingKeys.isEmpty()) {
                    todo.add(Invalidation.keys(pendingKeys));
                }
                pendingNamespaces.forEach(ns -> todo.add(Invalidation.namespace(ns)));
            }
            pendingAll = false;
            pendingKeys.clear();
            pendingNamespaces.clear();
        }
        if (todo.isEmpty()) {
            return;
        }
        for (Invalidation inv : todo) {
            if (!link.runRecovering(j -> deleteShared(j, inv))) {
                todo.forEach(this::remember); // the link stays down and tries again
                return;
            }
        }
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
