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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writer and the checker of the fault benchmark: this process changes one product's regular
 * price every 200 ms (as a console would: the store, the log and the bus), and asks every node for
 * that price every 50 ms. An answer is stale when it shows a price older than one whose write had
 * returned more than a second before the question was sent. Phases are named on standard input
 * ({@code phase NAME}, then {@code end}); each ends with one tab-separated line:
 * {@code phase writes write_failures checks non_200 stale max_stale_ms}.
 *
 * <p>usage: FaultBenchProbe STORE_URL REDIS_URL NODE_URL...   (PGPASSWORD from the environment)
 */
public final class FaultBenchProbe {
    private static final Pattern REGULAR = Pattern.compile("\"regularPrice\":\"([0-9.]+)\"");
    private static final long STALE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

    /** The writes so far: the cents written and when each write had returned (its commit was before). */
    private final List<long[]> writes = new ArrayList<>();
    private final AtomicLong writesDone = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong non200 = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong maxStaleMillis = new AtomicLong();
    private volatile boolean running = true;

    private FaultBenchProbe() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        new FaultBenchProbe().run(args[0], args[1], List.of(args).subList(2, args.length));
    }

    private void run(String store, String redis, List<String> nodes) throws Exception {
        try (Database db = Database.open(Database.address(store));
             RedisLink link = new RedisLink(RedisAddress.parse(redis, System.getenv()), "fault-bench")) {
            link.connect();
            Clock clock = Clock.systemUTC();
            Invalidator inv = new Invalidator(db, TtlCache.builder().build(), clock, "fault-bench-writer");
            inv.setBus(new RedisBus(link, new RedisKeys(RedisKeys.DEFAULT_CLUSTER)));
            CatalogAdmin admin = new CatalogAdmin(db, inv, clock);
            long productId = admin.products().get(0).id();
            String path = "/api/products/" + productId + "/price";
            Thread writer = new Thread(() -> write(admin, productId), "writer");
            writer.start();
            List<Thread> checkers = new ArrayList<>();
            for (String n : nodes) {
                Thread t = new Thread(() -> check(n + path), "checker " + n);
                t.start();
                checkers.add(t);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String phase = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (phase != null) {
                    report(phase);
                }
                if (line.startsWith("phase ")) {
                    phase = line.substring(6).strip();
                    reset();
                } else {
                    break;
                }
            }
            running = false;
            writer.join();
            for (Thread t : checkers) {
                t.join();
            }
        }
    }

    private void reset() {
        writesDone.set(0);
        writeFailures.set(0);
        checks.set(0);
        non200.set(0);
        stale.set(0);
        maxStaleMillis.set(0);
    }

    private void report(String phase) {
        System.out.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%d\t%d%n", phase, writesDone.get(), writeFailures.get(),
                checks.get(), non200.get(), stale.get(), maxStaleMillis.get());
        System.out.flush();
    }

    private void write(CatalogAdmin admin, long productId) {
        long cents = 10_000;
        while (running) {
            try {
                Product p = admin.product(productId).orElseThrow();
                cents++;
                admin.updateProduct(new Product(p.id(), p.sku(), p.name(), BigDecimal.valueOf(cents, 2), p.stock(),
                        p.version()));
                synchronized (writes) {
                    writes.add(new long[] {cents, System.nanoTime()});
                }
                writesDone.incrementAndGet();
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet(); // the store is away: the phase says so
            }
            sleep(200);
        }
    }

    private void check(String url) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        while (running) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                checks.incrementAndGet();
                if (r.statusCode() != 200) {
                    non200.incrementAndGet();
                } else {
                    Matcher m = REGULAR.matcher(r.body());
                    if (m.find()) {
                        judge(new BigDecimal(m.group(1)).movePointRight(2).longValueExact(), sent);
                    }
                }
            } catch (Exception e) {
                checks.incrementAndGet();
                non200.incrementAndGet();
            }
            sleep(50);
        }
    }

    /** Stale: a newer price had been written (and its write returned) over a second before this question. */
    private void judge(long cents, long sentNanos) {
        long newestDue = Long.MIN_VALUE;
        long dueSince = 0;
        synchronized (writes) {
            for (int i = writes.size() - 1; i >= 0; i--) {
                long[] w = writes.get(i);
                if (sentNanos - w[1] > STALE_AFTER_NANOS) {
                    newestDue = w[0];
                    dueSince = w[1];
                    break;
                }
            }
        }
        if (newestDue != Long.MIN_VALUE && cents < newestDue) {
            stale.incrementAndGet();
            long late = (sentNanos - dueSince) / 1_000_000;
            maxStaleMillis.accumulateAndGet(late, Math::max);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
