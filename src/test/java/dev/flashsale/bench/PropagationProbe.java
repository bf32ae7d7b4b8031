package dev.flashsale.bench;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.cluster.RedisAddress;
import dev.flashsale.cluster.RedisBus;
import dev.flashsale.cluster.RedisKeys;
import dev.flashsale.cluster.RedisLink;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.store.Database;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Propagation, measured as a user would see it: this process changes a product's price (as a
 * console would, through the bus when given a Redis), and from the moment the write starts (its
 * commit and everything after it included), one thread per node asks that node for the price
 * until it answers the new one. The figure of a round is the slowest node's. Prints p50, p99 and
 * max over the rounds.
 *
 * <p>usage: PropagationProbe DB_FILE_OR_URL REDIS_URL|- ROUNDS NODE_URL...
 */
public final class PropagationProbe {
    private static final long PAUSE_NANOS = Long.getLong("probe.pauseMicros", 200) * 1_000;

    private PropagationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
        String store = args[0]; // a SQLite file or a postgresql:// URL (PGPASSWORD from the environment)
        String redis = args[1];
        int rounds = Integer.parseInt(args[2]);
        List<String> nodes = Arrays.asList(args).subList(3, args.length);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // one client per poller: a shared one funnels every poll through one selector thread
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < args.length - 3; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build());
        }
        ExecutorService pollers = Executors.newFixedThreadPool(nodes.size());
        RedisLink link = null;
        try (Database db = Database.open(Database.address(store))) {
            Clock clock = Clock.systemUTC();
            TtlCache<Object> cache = TtlCache.builder().build();
            Invalidator inv = new Invalidator(db, cache, clock, "probe-" + ProcessHandle.current().pid());
            if (!redis.equals("-")) {
                // wired as the console's runtime wires a node of a cluster
                link = new RedisLink(RedisAddress.parse(redis, System.getenv()), "probe");
                link.connect();
                RedisKeys keys = new RedisKeys(RedisKeys.DEFAULT_CLUSTER);
                inv.setBus(new RedisBus(link, keys));
            }
            CatalogAdmin admin = new CatalogAdmin(db, inv, clock);
            Product p = admin.products().get(0);
            String path = "/api/products/" + p.id() + "/price";
            long[] millis = new long[rounds];
            long[] writes = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                for (String n : nodes) { // every node holds the current answer before the write
                    get(http, n + path);
                }
                Product now = admin.product(p.id()).orElseThrow();
                BigDecimal next = new BigDecimal(r % 2 == 0 ? "101.00" : "102.00");
                // Timed from before the write: the commit happens inside the call, and everything after it
                // (loading the new answers into Redis, the publish) is counted; so is the write itself,
                // which makes the figure an upper bound.
                long committed = System.nanoTime();
                admin.updateProduct(new Product(now.id(), now.sku(), now.name(), next, now.stock(), now.version()));
                writes[r] = System.nanoTime() - committed;
                String expected = "\"price\":\"" + next.toPlainString() + "\"";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Long>> seen = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    String n = nodes.get(i);
                    HttpClient client = clients.get(i);
                    seen.add(pollers.submit(() -> {
                        start.await();
                        while (!get(client, n + path).contains(expected)) {
                            if (System.nanoTime() - committed > 10_000_000_000L) {
                                throw new IllegalStateException(n + " never served " + expected);
                            }
                            // a short pause, so three pollers do not starve the nodes of CPU on a small machine
                            LockSupport.parkNanos(PAUSE_NANOS);
                        }
                        return System.nanoTime();
                    }));
                }
                start.countDown();
                long last = 0;
                for (Future<Long> f : seen) {
                    last = Math.max(last, f.get());
                }
                millis[r] = last - committed;
                Thread.sleep(20); // let the nodes settle between rounds
            }
            Arrays.sort(millis);
            Arrays.sort(writes);
            System.out.printf(Locale.ROOT, "propagation %s: rounds %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    redis.equals("-") ? "log only" : "with Redis", rounds, millis[rounds / 2] / 1e6,
                    millis[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)] / 1e6, millis[rounds - 1] / 1e6);
            System.out.printf(Locale.ROOT, "  of which the write call itself (transaction, %s): p50 %.2f ms, p99 %.2f ms%n",
                    redis.equals("-") ? "log rows" : "log rows, deletes in Redis, publish",
                    writes[rounds / 2] / 1e6, writes[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)] / 1e6);
        } finally {
            pollers.shutdownNow();
            if (link != null) {
                link.close();
            }
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
