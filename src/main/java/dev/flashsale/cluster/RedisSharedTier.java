package dev.flashsale.cluster;

import dev.flashsale.cache.Loaded;
import dev.flashsale.sale.read.Cached;
import dev.flashsale.sale.read.SharedTier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The cluster's shared tier in Redis. A node's miss reads Redis; if the value is not there, the
 * node that takes the key's lease ({@code SET NX PX}, as memcache leases) loads it from the store
 * and writes it with Redis's own TTL set to the value's TTL; the others wait for it, for a bounded
 * time, then load themselves. A value read from Redis lives in a node's own cache no longer than
 * it has left in Redis. An invalidation deletes the value and the lease, so a load that started
 * before it cannot write its (old) value after it: the write is conditional on still holding the
 * lease. While Redis is down, refuses a command, or a deletion of the key is still pending there,
 * loads go to the store and nothing is written to Redis.
 *
 * <p>Reading and leasing is one script ({@link #READ_OR_LEASE}): one command per look, atomic, so
 * no value can be written between the read and the lease. A waiter looks again after 1, 2, 4...
 * ms (at most {@link #MAX_POLL}), so waiting the whole {@link #WAIT} costs about ten commands, not
 * the thousands a fixed half-millisecond poll sent while Redis was already struggling.
 */
final class RedisSharedTier implements SharedTier {

    /** How long a lease holder may take; a crashed holder blocks the key no longer than this. */
    static final Duration LEASE = Duration.ofSeconds(2);
    /** How long a node waits for another's load before loading itself. */
    static final Duration WAIT = Duration.ofMillis(500);
    static final Duration FIRST_POLL = Duration.ofMillis(1);
    static final Duration MAX_POLL = Duration.ofMillis(128);

    /** The value and its time left if it is there; else 1 if the caller got the lease; else 0 (someone else loads it). */
    private static final RedisScript READ_OR_LEASE = new RedisScript("""
            local v = redis.call('GET', KEYS[1])
            if v then
              local ttl = redis.call('PTTL', KEYS[1])
              if ttl > 0 then return {v, ttl} end
            end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            return 0""");
    // Writes the value only if the caller still holds the lease, then gives the lease back.
    private static final RedisScript SET_IF_LEASED = new RedisScript("""
            if redis.call('GET', KEYS[2]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              redis.call('DEL', KEYS[2])
              return 1
            end
            return 0""");
    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""");

    private final RedisLink link;
    private final RedisKeys keys;
    private final RedisBus bus;
    private final LongAdder sharedHits = new LongAdder();
    private final LongAdder storeLoads = new LongAdder();
    private final LongAdder looks = new LongAdder();

    public RedisSharedTier(RedisLink link, RedisKeys keys, RedisBus bus) {
        this.link = link;
        this.keys = keys;
        this.bus = bus;
    }

    @Override
    public Loaded<Object> load(String key, Class<?> valueType, StoreLoad store) throws Exception {
        if (!link.isUp() || bus.blocks(key) || link.aclRefusedRecently("EVALSHA")) {
            return fromStore(store); // (a login whose ACL has no scripts, an operator's console: not asked each time)
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        String token = UUID.randomUUID().toString();
        long pause = FIRST_POLL.toNanos();
        while (true) {
            looks.increment();
            Optional<Object> look = link.call(j -> READ_OR_LEASE.run(j, List.of(keys.value(key), keys.lease(key)),
                    List.of(token, Long.toString(LEASE.toMillis()))));
            if (look.isEmpty()) {
                return fromStore(store); // down, or refused (a full Redis cannot take the lease): no write
            }
            Object r = look.get();
            if (r instanceof List<?> found) {
                Loaded<Object> shared = decode(found, valueType);
                if (shared != null) {
                    sharedHits.increment();
                    return shared;
                }
                return fromStore(store); // a value of another version: load, and leave it to expire
            }
            if (Long.valueOf(1).equals(r)) {
                return loadUnderLease(key, token, store);
            }
            // another node is loading it: wait for its value, for a bounded time
            long now = System.nanoTime();
            if (now + pause > deadline) {
                return fromStore(store);
            }
            LockSupport.parkNanos(pause);
            if (Thread.currentThread().isInterrupted()) {
                return fromStore(store);
            }
            pause = Math.min(MAX_POLL.toNanos(), pause * 2);
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
        if (loaded != null && ttlMillis > 0 && loaded.value() instanceof Cached<?> c && !bus.blocks(key)) {
            String json = ValueCodec.encode(c);
            link.call(j -> SET_IF_LEASED.run(j, List.of(keys.value(key), keys.lease(key)),
                    List.of(token, json, Long.toString(ttlMillis))));
        } else {
            release(key, token);
        }
        return loaded;
    }

    /** Gives the lease back if it is still ours. */
    private void release(String key, String token) {
        link.call(j -> RELEASE.run(j, List.of(keys.lease(key)), List.of(token)));
    }

    private Loaded<Object> fromStore(StoreLoad store) throws Exception {
        storeLoads.increment();
        return store.load();
    }

    /** {@code [json, pttl]} from {@link #READ_OR_LEASE}, or null when the value cannot be read as {@code type}. */
    private static Loaded<Object> decode(List<?> found, Class<?> type) {
        Object json = found.get(0);
        long pttl = found.get(1) instanceof Long l ? l : 0;
        Cached<Object> value = json instanceof String text ? ValueCodec.decodeCached(text, type) : null;
        return value == null || pttl <= 0 ? null : Loaded.<Object>of(value, Duration.ofMillis(pttl));
    }

    /** Commands this node sent to read or lease a value (each miss sends one, each wait a few more). */
    public long looks() {
        return looks.sum();
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
