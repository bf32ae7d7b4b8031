package dev.flashsale.bench;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.cluster.RedisAddress;
import dev.flashsale.cluster.RedisBus;
import dev.flashsale.cluster.RedisKeys;
import dev.flashsale.cluster.RedisLink;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * A campaign's change as shoppers see it on every node: this process creates a campaign over every
 * product whose SKU starts with {@code CMP-} (2,000 in scripts/campaign-bench.sh), active at once,
 * and from before the call one thread per node asks that node for the campaign's first and last
 * product's price until both are the campaign's; then it cancels the campaign and waits for the
 * regular prices again. A round's figure is the slowest node's. Prints p50, p99 and max of both.
 *
 * <p>usage: CampaignPropagationProbe DB_FILE_OR_URL REDIS_URL|- ROUNDS NODE_URL...
 */
public final class CampaignPropagationProbe {

    private CampaignPropagationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
        String store = args[0];
        String redis = args[1];
        int rounds = Integer.parseInt(args[2]);
        List<String> nodes = Arrays.asList(args).subList(3, args.length);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build());
        }
        ExecutorService pollers = Executors.newFixedThreadPool(nodes.size());
        RedisLink link = null;
        try (Database db = Database.open(Database.address(store))) {
            Clock clock = Clock.systemUTC();
            Invalidator inv = new Invalidator(db, TtlCache.builder().build(), clock, "probe-" + ProcessHandle.current().pid());
            if (!redis.equals("-")) {
                link = new RedisLink(RedisAddress.parse(redis, System.getenv()), "probe");
                link.connect();
                inv.setBus(new RedisBus(link, new RedisKeys(RedisKeys.DEFAULT_CLUSTER)));
            }
            CatalogAdmin admin = new CatalogAdmin(db, inv, clock);
            CampaignAdmin campaigns = new CampaignAdmin(db, inv, clock);
            List<Product> products = admin.products().stream().filter(p -> p.sku().startsWith("CMP-")).toList();
            List<String> skus = products.stream().map(Product::sku).toList();
            List<String> paths = List.of("/api/products/" + products.get(0).id() + "/price",
                    "/api/products/" + products.get(products.size() - 1).id() + "/price");
            long[] created = new long[rounds];
            long[] cancelled = new long[rounds];
            long[] createCall = new long[rounds];
            long tag = System.currentTimeMillis();
            for (int r = 0; r < rounds; r++) {
                String regular = "\"price\":\"" + products.get(0).regularPrice().toPlainString() + "\"";
                awaitAll(pollers, clients, nodes, paths, regular, System.nanoTime());
                CampaignRule rule = CampaignRule.percentOff(r % 2 == 0 ? "10" : "20");
                String expected = "\"price\":\"" + rule.priceFor(products.get(0).regularPrice()).toPlainString() + "\"";
                Instant now = clock.instant();
                String name = "Probe " + tag + " " + r;
                long t0 = System.nanoTime();
                campaigns.create(new CampaignAdmin.Draft(name, now.minusSeconds(60), now.plus(Duration.ofHours(1)),
                        ZoneOffset.UTC, rule, skus));
                createCall[r] = System.nanoTime() - t0;
                created[r] = awaitAll(pollers, clients, nodes, paths, expected, t0);
                long t1 = System.nanoTime();
                campaigns.cancel(name);
                cancelled[r] = awaitAll(pollers, clients, nodes, paths, regular, t1);
            }
            String mode = redis.equals("-") ? "log only" : "with Redis";
            print("campaign of " + skus.size() + " products created, " + mode, created);
            print("  of which the create call itself", createCall);
            print("campaign of " + skus.size() + " products cancelled, " + mode, cancelled);
        } finally {
            pollers.shutdownNow();
            if (link != null) {
                link.close();
            }
        }
    }

    /** Nanoseconds from {@code from} until every node serves {@code expected} on every path (the slowest node's). */
    private static long awaitAll(ExecutorService pollers, List<HttpClient> clients, List<String> nodes,
                                 List<String> paths, String expected, long from) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> seen = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String n = nodes.get(i);
            HttpClient client = clients.get(i);
            seen.add(pollers.submit(() -> {
                start.await();
                for (String path : paths) {
                    while (!get(client, n + path).contains(expected)) {
                        if (System.nanoTime() - from > 30_000_000_000L) {
                            throw new IllegalStateException(n + path + " never served " + expected);
                        }
                        LockSupport.parkNanos(200_000);
                    }
                }
                return System.nanoTime();
            }));
        }
        start.countDown();
        long last = 0;
        for (Future<Long> f : seen) {
            last = Math.max(last, f.get());
        }
        return last - from;
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        System.out.printf(Locale.ROOT, "%s: rounds %d, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", what, n, s[n / 2] / 1e6,
                s[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, s[n - 1] / 1e6);
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
