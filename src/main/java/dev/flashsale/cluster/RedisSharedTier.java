package dev.flashsale.cluster;

import dev.flashsale.cache.Loaded;
import dev.flashsale.sale.Cached;
import dev.flashsale.sale.SharedTier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * The cluster's shared tier in Redis. A node's miss reads Redis; if the value is not there, the
 * node that takes the key's lease ({@code SET NX PX}, as memcache leases) loads it from the store
 * and writes it with Redis's own TTL set to the value's TTL; the others wait for it, for a bounded
 * time, then load themselves. A value read from Redis lives in a node's own cache no longer than
 * it has left in Redis. An invalidation deletes the value and the lease, so a load that started
 * before it cannot write its (old) value after it: the write is conditional on still holding the
 * lease. While Redis is down, loads go to the store, as without a cluster.
 */
public final class RedisSharedTier implements SharedTier {

    /** How long a lease holder may take; a crashed holder blocks the key no longer than this. */
    static final Duration LEASE = Duration.ofSeconds(2);
    /** How long a node waits for another's load before loading itself. */
    static final Duration WAIT = Duration.ofMillis(500);
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos() / 4; // 0.5 ms

    // Writes the value only if the caller still holds the lease, then gives the lease back.
    private static final String SET_IF_LEASED = """
            if redis.call('GET', KEYS[2]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              redis.call('DEL', KEYS[2])
              return 1
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    private final RedisLink link;
    private final RedisKeys keys;
    private final LongAdder sharedHits = new LongAdder();
    private final LongAdder storeLoads = new LongAdder();

    public RedisSharedTier(RedisLink link, RedisKeys keys) {
        this.link = link;
        this.keys = keys;
    }

    @Override
    public Loaded<Object> load(String key, Class<?> valueType, StoreLoad store) throws Exception {
        if (!link.isUp()) {
            return fromStore(store);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        String token = UUID.randomUUID().toString();
        while (true) {
            Optional<Loaded<Object>> shared = read(key, valueType);
            if (shared.isPresent()) {
                sharedHits.increment();
                return shared.get();
            }
            Optional<String> lease = link.call(j -> j.set(keys.lease(key), token,
                    SetParams.setParams().nx().px(LEASE.toMillis())));
            if (!link.isUp()) {
                return fromStore(store);
            }
            if (lease.isPresent() && "OK".equals(lease.get())) {
                // The previous holder may have written the value and let the lease go between our
                // read and our SET NX: look once more before going to the store.
                Optional<Loaded<Object>> justWritten = read(key, valueType);
                if (justWritten.isPresent()) {
                    release(key, token);
                    sharedHits.increment();
                    return justWritten.get();
                }
                return loadUnderLease(key, token, store);
            }
            // another node is loading it: wait for its value, for a bounded time
            if (System.nanoTime() > deadline) {
                return fromStore(store);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return fromStore(store);
            }
        }
    }

    private Loaded<Object> loadUnderLease(String key, String token, StoreLoad store) throws Exception {
        Loaded<Object> loaded;
        try {
            loaded = fromStore(store);
        } catch (Exception e) {
            release(key, token);
            throw e;
        }
        long ttlMillis = loaded == null ? 0 : loaded.ttl().toMillis();
        if (loaded != null && ttlMillis > 0 && loaded.value() instanceof Cached<?> c) {
            String json = ValueCodec.encode(c.value());
            link.call(j -> j.eval(SET_IF_LEASED, List.of(keys.value(key), keys.lease(key)),
                    List.of(token, json, Long.toString(ttlMillis))));
        } else {
            release(key, token);
        }
        return loaded;
    }

    /** Gives the lease back if it is still ours. */
    private void release(String key, String token) {
        link.call(j -> j.eval(RELEASE, List.of(keys.lease(key)), List.of(token)));
    }

    private Loaded<Object> fromStore(StoreLoad store) throws Exception {
        storeLoads.increment();
        return store.load();
    }

    /** The value in Redis and the time it has left there, if both are readable. */
    private Optional<Loaded<Object>> read(String key, Class<?> type) {
        return link.call(j -> {
            List<Object> r = pipelineGetAndTtl(j, keys.value(key));
            String json = (String) r.get(0);
            long pttl = (Long) r.get(1);
            if (json == null || pttl <= 0) {
                return null;
            }
            Object value = ValueCodec.decode(json, type);
            if (value == null) {
                return null;
            }
            return Loaded.<Object>of(new Cached<>(value), Duration.ofMillis(pttl));
        });
    }

    private static List<Object> pipelineGetAndTtl(Jedis j, String redisKey) {
        var p = j.pipelined();
        var get = p.get(redisKey);
        var ttl = p.pttl(redisKey);
        p.sync();
        return java.util.Arrays.asList(get.get(), ttl.get());
    }

    /** Values this node took from Redis instead of the store. */
    public long sharedHits() {
        return sharedHits.sum();
    }

    /** Loads this node made from the store (under a lease, with Redis down, or after waiting too long). */
    public long storeLoads() {
        return storeLoads.sum();
    }
}
