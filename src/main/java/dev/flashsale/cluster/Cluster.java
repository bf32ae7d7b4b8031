package dev.flashsale.cluster;

import dev.flashsale.concurrent.Daemons;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.sale.read.CatalogService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This process as a node of a cluster: every process given the same Redis and cluster name. It
 * puts the shared tier under the catalog's loads, the bus behind every invalidation, listens to
 * the other nodes' invalidations, and keeps this node in the registry. Redis being down fails
 * nothing: the node serves from its own cache and the store, and says so ({@link #redisUp()}).
 */
public final class Cluster implements AutoCloseable {

    private final String name;
    private final RedisLink link;
    private final RedisKeys keys;
    private final RedisSharedTier tier;
    private final BusSubscriber subscriber;
    private final NodeRegistry registry;
    private final String nodeId;
    private final ScheduledExecutorService heartbeat;

    private final RedisBus bus;
    private final Supplier<NodeFigures> ownFigures;

    private Cluster(String name, RedisLink link, RedisKeys keys, Invalidator invalidator,
                    Supplier<NodeFigures> ownFigures) {
        this.name = name;
        this.ownFigures = ownFigures;
        this.link = link;
        this.keys = keys;
        this.nodeId = invalidator.origin();
        this.bus = new RedisBus(link, keys);
        this.tier = new RedisSharedTier(link, keys, bus);
        this.registry = new NodeRegistry(link, keys);
        this.subscriber = new BusSubscriber(link, keys, invalidator);
        this.heartbeat = Daemons.timer("cluster-heartbeat");
    }

    /**
     * Joins the cluster {@code name} at {@code address}.
     *
     * @throws RedisLink.AccessRefused for a wrong password or user (not retried)
     */
    public static Cluster join(RedisAddress address, String name, Invalidator invalidator, CatalogService catalog,
                               Supplier<NodeFigures> figures) {
        RedisKeys keys = new RedisKeys(name);
        RedisLink link = new RedisLink(address, invalidator.origin());
        try {
            link.connect();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
        Cluster c = new Cluster(name, link, keys, invalidator, figures);
        catalog.setSharedTier(c.tier);
        invalidator.setBus(c.bus);
        link.addListener(up -> {
            if (!up) {
                c.subscriber.breakConnection();
            }
        });
        c.subscriber.start();
        long beat = NodeRegistry.BEAT.toMillis();
        c.heartbeat.scheduleWithFixedDelay(() -> {
            try {
                c.registry.beat(c.ownFigures);
                c.subscriber.ping();
                c.bus.retryPending();
                link.tick();
            } catch (RuntimeException e) {
                Logger.getLogger(Cluster.class.getName()).log(Level.WARNING,
                        "the cluster heartbeat failed", e);
            }
        }, 0, beat, TimeUnit.MILLISECONDS);
        return c;
    }

    public String name() {
        return name;
    }

    public RedisAddress address() {
        return link.address();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Connected to Redis (calls succeed). */
    public boolean redisUp() {
        return link.isUp();
    }

    /** Listening to the other nodes' invalidations. */
    public boolean listening() {
        return subscriber.isSubscribed();
    }

    /**
     * The live nodes, this one included even when the registry lacks it (a console whose Redis
     * login may not write there, or before its first beat); empty while Redis is down.
     */
    public List<NodeFigures> nodes() {
        List<NodeFigures> listed = registry.nodes();
        if (!link.isUp() || listed.stream().anyMatch(f -> f.id().equals(nodeId))) {
            return listed;
        }
        NodeFigures own = ownFigures.get();
        if (own == null) {
            return listed;
        }
        List<NodeFigures> all = new ArrayList<>(listed);
        all.add(own);
        all.sort(Comparator.comparing(NodeFigures::id));
        return all;
    }

    /** Values this node took from the shared tier instead of the store. */
    public long sharedHits() {
        return tier.sharedHits();
    }

    /** Loads this node made from the store. */
    public long storeLoads() {
        return tier.storeLoads();
    }

    /** Calls Redis answered with an error or could not answer, by reason (OOM, READONLY, timeout...). */
    public Map<String, Long> redisErrors() {
        return link.errorCounts();
    }

    /**
     * What Redis's ACL refused this node's login within the last minute (commands in capitals, or
     * "keys outside its patterns"); empty when it may do everything a node does.
     */
    public Set<String> redisRefusedByAcl() {
        return link.aclRefused();
    }

    /** Commands sent to read or lease shared values. */
    public long sharedLooks() {
        return tier.looks();
    }

    /** Bus messages from other nodes applied here. */
    public long heard() {
        return subscriber.heard();
    }

    /** Up to {@code limit} values of the shared tier (of {@code namespace}, or all when null), by key. */
    public List<SharedEntry> sharedEntries(String namespace, int limit) {
        return SharedTierScan.entries(link, keys, namespace, limit);
    }

    /** Leaves the registry at once (a clean stop), stops listening and closes the connections. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.leave(nodeId);
        subscriber.close();
        link.close();
    }
}
