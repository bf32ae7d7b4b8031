package dev.flashsale.testing;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shoppers asking each node, one thread per node, for the prices of products {@code 1..products}
 * in turn until stopped, as a failover test's load: every answer must be a 200. Records the first
 * that is not (or the first request that failed outright) and counts the answers.
 */
public final class CachedTraffic implements AutoCloseable {

    /** What the shoppers saw: answers, and the first failure or null. */
    public record Seen(long answered, String firstFailure) {
    }

    private final AtomicBoolean go = new AtomicBoolean(true);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicLong answered = new AtomicLong();
    private final ExecutorService pool;
    private final List<Future<?>> loops = new ArrayList<>();

    private CachedTraffic(List<NodeProcess> nodes, int products) {
        pool = Executors.newFixedThreadPool(nodes.size());
        for (NodeProcess n : nodes) {
            loops.add(pool.submit(() -> {
                int i = 0;
                while (go.get()) {
                    String path = "/api/products/" + (1 + i++ % products) + "/price";
                    try {
                        HttpResponse<String> r = n.get(path);
                        if (r.statusCode() != 200) {
                            failure.compareAndSet(null, path + " " + r.statusCode() + " " + r.body());
                        }
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failure.compareAndSet(null, path + ": " + e);
                    }
                }
                return null;
            }));
        }
    }

    /** Starts asking {@code nodes} for the prices of products 1 to {@code products}. */
    public static CachedTraffic start(List<NodeProcess> nodes, int products) {
        return new CachedTraffic(nodes, products);
    }

    /** Stops the shoppers and says what they saw. */
    public Seen stop() throws Exception {
        go.set(false);
        for (Future<?> f : loops) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return new Seen(answered.get(), failure.get());
    }

    @Override
    public void close() {
        go.set(false);
        pool.shutdownNow();
    }
}
