package dev.flashsale.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the four designs over 10,000 keys that are all present (hits), uniform or zipfian.
 * Thread counts are chosen by {@link CacheBenchmarkReport}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CacheBenchmark {

    @Param({"chm", "chmnode", "caffeine", "adr", "ours"})
    public String impl;

    @Param({"uniform", "zipfian"})
    public String distribution;

    BenchCache cache;
    String[] keys;
    int[] sequence;
    Object[] values;
    final Function<String, Object> loader = key -> "loaded " + key;

    @Setup(Level.Trial)
    public void fill() {
        cache = BenchCache.create(impl);
        keys = KeyStream.keys();
        sequence = KeyStream.of(distribution, 7);
        values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = "value " + i;
            cache.put(keys[i], values[i]);
        }
    }

    /** Each thread walks the shared sequence from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;

        @Setup(Level.Trial)
        public void start() {
            i = (int) (Thread.currentThread().getId() * 7919) & KeyStream.MASK;
        }
    }

    @Benchmark
    public Object getHit(Cursor c) {
        return cache.get(keys[sequence[c.i++ & KeyStream.MASK]]);
    }

    /** 90 % reads, 10 % writes of an existing key (a new value, as an admin's edit would be). */
    @Benchmark
    public Object readWrite90_10(Cursor c) {
        int n = c.i++;
        int k = sequence[n & KeyStream.MASK];
        if (n % 10 == 0) {
            cache.put(keys[k], values[k]);
            return null;
        }
        return cache.get(keys[k]);
    }

    /** Load-through calls that hit: what the storefront does for every request. */
    @Benchmark
    public Object loadThroughHit(Cursor c) {
        return cache.getOrLoad(keys[sequence[c.i++ & KeyStream.MASK]], loader);
    }
}
