package dev.flashsale.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.flashsale.cache.TtlCache;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** The four designs under test, behind one small interface (each JMH fork sees only one). */
interface BenchCache {
    Duration TTL = Duration.ofMinutes(5);

    Object get(String key);

    void put(String key, Object value);

    Object getOrLoad(String key, Function<String, Object> loader);

    static BenchCache create(String impl) {
        return switch (impl) {
            case "chm" -> new Chm();
            case "caffeine" -> new CaffeineVarExpiry();
            case "adr" -> new AdrSimpleCache();
            case "ours" -> new Ours();
            case "chmnode" -> new ChmNode();
            default -> throw new IllegalArgumentException(impl);
        };
    }

    /** (a) The ceiling: a bare map, no expiry, no statistics. */
    final class Chm implements BenchCache {
        final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

        public Object get(String key) {
            return map.get(key);
        }

        public void put(String key, Object value) {
            map.put(key, value);
        }

        public Object getOrLoad(String key, Function<String, Object> loader) {
            Object v = map.get(key);
            return v != null ? v : map.computeIfAbsent(key, loader);
        }
    }

    /** Floor for any design that keeps a deadline per entry: the bare map plus one entry object. */
    final class ChmNode implements BenchCache {
        static final class Holder {
            final Object value;
            final long until;

            Holder(Object value, long until) {
                this.value = value;
                this.until = until;
            }
        }

        static volatile long now = System.nanoTime();
        final ConcurrentHashMap<String, Holder> map = new ConcurrentHashMap<>();

        public Object get(String key) {
            Holder h = map.get(key);
            return h != null && now < h.until ? h.value : null;
        }

        public void put(String key, Object value) {
            map.put(key, new Holder(value, System.nanoTime() + TTL.toNanos()));
        }

        public Object getOrLoad(String key, Function<String, Object> loader) {
            Object v = get(key);
            return v != null ? v : loader.apply(key);
        }
    }

    /** (b) The best peer configured for the same job: per-entry expiry, a size bound, statistics. */
    final class CaffeineVarExpiry implements BenchCache {
        final Cache<String, Object> cache = Caffeine.newBuilder()
                .expireAfter(new Expiry<String, Object>() {
                    public long expireAfterCreate(String key, Object value, long currentTime) {
                        return TTL.toNanos();
                    }

                    public long expireAfterUpdate(String key, Object value, long currentTime, long currentDuration) {
                        return TTL.toNanos();
                    }

                    public long expireAfterRead(String key, Object value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .maximumSize(100_000)
                .recordStats()
                .build();

        public Object get(String key) {
            return cache.getIfPresent(key);
        }

        public void put(String key, Object value) {
            cache.put(key, value);
        }

        public Object getOrLoad(String key, Function<String, Object> loader) {
            return cache.get(key, loader);
        }
    }

    /**
     * (c) A faithful port of ADR-006's {@code SimpleCache}: one lock around a dict, and
     * {@code datetime.now()} (here {@code LocalDateTime.now()}) on every get.
     */
    final class AdrSimpleCache implements BenchCache {
        private record Item(Object value, LocalDateTime expiry) {
        }

        private final Map<String, Item> cache = new HashMap<>();
        private final ReentrantLock lock = new ReentrantLock();

        public Object get(String key) {
            lock.lock();
            try {
                Item item = cache.get(key);
                if (item != null) {
                    if (LocalDateTime.now().isBefore(item.expiry())) {
                        return item.value();
                    }
                    cache.remove(key);
                }
                return null;
            } finally {
                lock.unlock();
            }
        }

        public void put(String key, Object value) {
            lock.lock();
            try {
                cache.put(key, new Item(value, LocalDateTime.now().plusSeconds(TTL.toSeconds())));
            } finally {
                lock.unlock();
            }
        }

        public Object getOrLoad(String key, Function<String, Object> loader) {
            Object v = get(key);
            if (v == null) {
                v = loader.apply(key);
                put(key, v);
            }
            return v;
        }
    }

    /** (d) Ours, as the product runs it: statistics and per-entry hit counts always on. */
    final class Ours implements BenchCache {
        final TtlCache<Object> cache = TtlCache.builder().defaultTtl(TTL).build();

        public Object get(String key) {
            return cache.get(key);
        }

        public void put(String key, Object value) {
            cache.put(key, value);
        }

        public Object getOrLoad(String key, Function<String, Object> loader) {
            return cache.get(key, TTL, loader::apply);
        }
    }

    static long ttlNanos() {
        return TimeUnit.MINUTES.toNanos(5);
    }
}
