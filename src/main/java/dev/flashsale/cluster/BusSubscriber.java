package dev.flashsale.cluster;

import dev.flashsale.concurrent.Daemons;
import dev.flashsale.sale.invalidation.Invalidator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Listens on the cluster's invalidation channel on a connection of its own and drops what other
 * nodes invalidated from this node's cache. Each time the subscription is (re)established, this
 * node's cache is dropped first: messages may have been missed while it was away, so the bus is
 * trusted again only from a clean slate.
 */
final class BusSubscriber implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BusSubscriber.class.getName());
    private static final long FIRST_RETRY_MS = 100;
    private static final long LAST_RETRY_MS = 2_000;
    private static final long REFUSED_RETRY_MS = 10_000;

    private final RedisLink link;
    private final RedisKeys keys;
    private final Invalidator invalidator;
    private final Thread thread;
    private final AtomicLong heard = new AtomicLong();
    private final AtomicLong resubscriptions = new AtomicLong();
    private volatile boolean subscribed;
    private volatile boolean closed;
    private volatile Jedis connection;
    private volatile JedisPubSub pubSub;

    BusSubscriber(RedisLink link, RedisKeys keys, Invalidator invalidator) {
        this.link = link;
        this.keys = keys;
        this.invalidator = invalidator;
        this.thread = Daemons.thread("redis-bus", this::loop);
    }

    void start() {
        thread.start();
    }

    boolean isSubscribed() {
        return subscribed;
    }

    /** Messages from other nodes applied here. */
    long heard() {
        return heard.get();
    }

    private void loop() {
        long retry = FIRST_RETRY_MS;
        while (!closed) {
            RedisAddress.Endpoint at = link.master();
            if (at == null) { // through Sentinel, no master found yet: the link's probe is looking
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException e) {
                    return;
                }
                retry = Math.min(LAST_RETRY_MS, retry * 2);
                continue;
            }
            try (Jedis j = new Jedis(new HostAndPort(at.host(), at.port()), link.subscriberConfig())) {
                connection = j;
                JedisPubSub ps = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        // whatever was said while we were not listening is lost: start clean
                        invalidator.cache().invalidateAll();
                        subscribed = true;
                        if (resubscriptions.getAndIncrement() > 0) {
                            LOG.info("listening to the cluster's invalidations again; this node's cache was dropped"
                                    + " (it may have missed some)");
                        }
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        RedisBus.Heard h = RedisBus.parse(message);
                        if (h != null && !h.origin().equals(invalidator.origin())) {
                            invalidator.applyHeard(h.invalidation());
                            heard.incrementAndGet();
                        }
                    }
                };
                pubSub = ps;
                retry = FIRST_RETRY_MS;
                j.subscribe(ps, keys.channel()); // blocks until unsubscribed or the connection fails
            } catch (JedisDataException e) {
                // Redis answered, refusing (the login's ACL leaves out the channel): not an outage, and
                // not something that passes in a second either; the link says it once
                if (!closed) {
                    link.reportRefusal(e);
                }
                retry = REFUSED_RETRY_MS;
            } catch (RuntimeException e) {
                if (!closed) {
                    link.reportFailure(e, at);
                }
            } finally {
                subscribed = false;
                connection = null;
                pubSub = null;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                return;
            }
            retry = Math.min(LAST_RETRY_MS, retry * 2);
        }
    }

    /** Checks the subscription is alive (a PING through it); a dead one is dropped and retried. */
    void ping() {
        JedisPubSub ps = pubSub;
        if (ps != null && subscribed) {
            try {
                ps.ping();
            } catch (RuntimeException e) {
                breakConnection();
            }
        }
    }

    /** Forces a resubscription: used when Redis went away under a connection that did not notice. */
    void breakConnection() {
        Jedis j = connection;
        if (j != null) {
            try {
                j.disconnect();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub ps = pubSub;
        if (ps != null) {
            try {
                ps.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is going anyway
            }
        }
        breakConnection();
        thread.interrupt();
    }
}
