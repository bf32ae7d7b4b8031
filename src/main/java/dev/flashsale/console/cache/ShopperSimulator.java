package dev.flashsale.console.cache;

import dev.flashsale.concurrent.Daemons;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * "Simulate shoppers": real HTTP requests to the storefront at a chosen rate (a zipfian mix of the
 * active listing, prices and flash statuses), so a new user sees the cache panel move.
 */
final class ShopperSimulator implements AutoCloseable {
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong sent = new AtomicLong();
    private volatile List<Long> productIds = List.of();
    private volatile int perSecond = 20;
    private volatile Thread thread;

    public ShopperSimulator(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void setProductIds(List<Long> ids) {
        productIds = List.copyOf(ids);
    }

    public void setRate(int requestsPerSecond) {
        perSecond = Math.max(1, requestsPerSecond);
    }

    public int rate() {
        return perSecond;
    }

    public long sent() {
        return sent.get();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = Daemons.thread("shopper-simulator", this::run);
        thread = t;
        t.start();
    }

    public synchronized void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    public boolean running() {
        return thread != null;
    }

    private void run() {
        long next = System.nanoTime();
        while (thread == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
            http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + nextPath())).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding());
            sent.incrementAndGet();
            next += 1_000_000_000L / perSecond;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // fell behind by a second: do not burst to catch up
            }
        }
    }

    private String nextPath() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        List<Long> ids = productIds;
        double u = rnd.nextDouble();
        if (ids.isEmpty() || u < 0.4) {
            return "/api/flash-sales/active";
        }
        // Zipf-like: rank r with probability proportional to 1/r.
        double h = 0;
        for (int r = 1; r <= ids.size(); r++) {
            h += 1.0 / r;
        }
        double x = rnd.nextDouble() * h;
        int rank = 0;
        while (rank < ids.size() - 1 && (x -= 1.0 / (rank + 1)) > 0) {
            rank++;
        }
        long id = ids.get(rank);
        return u < 0.8 ? "/api/products/" + id + "/price" : "/api/products/" + id + "/flash-status";
    }

    @Override
    public void close() {
        stop();
    }
}
