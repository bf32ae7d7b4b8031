package dev.flashsale.app;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.cluster.Cluster;
import dev.flashsale.cluster.NodeFigures;
import dev.flashsale.console.ConsoleBackend;
import dev.flashsale.sale.CacheControl;
import dev.flashsale.sale.Cached;
import dev.flashsale.sale.CatalogAdmin;
import dev.flashsale.sale.CatalogService;
import dev.flashsale.sale.DemoCatalog;
import dev.flashsale.sale.InvalidationFollower;
import dev.flashsale.sale.Invalidator;
import dev.flashsale.store.Database;
import dev.flashsale.store.StoreAddress;
import dev.flashsale.store.StoreClock;
import dev.flashsale.store.StoreException;
import dev.flashsale.storefront.StorefrontServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The running application: database, shared cache, catalog services and the storefront, wired
 * once and shared by the console and the HTTP API.
 */
public final class AppRuntime implements ConsoleBackend {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AppRuntime.class.getName());

    /** Background reloads for refresh-ahead: few threads, daemon, a bounded queue (excess is dropped). */
    private static final java.util.concurrent.Executor REFRESHERS = new java.util.concurrent.ThreadPoolExecutor(1, 2, 30,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(256), r -> {
                Thread t = new Thread(r, "cache-refresh-ahead");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());

    private final Database db;
    private final StoreClock clock;
    private final TtlCache<Object> cache;
    private final CatalogService catalog;
    private final CatalogAdmin admin;
    private final StorefrontServer storefront;
    private final CacheControl cacheControl;
    private final dev.flashsale.sale.StorefrontPreview preview;
    private final Invalidator invalidator;
    private final InvalidationFollower follower;
    private volatile Cluster cluster;
    private boolean closed;

    private AppRuntime(Database db, StoreClock clock, TtlCache<Object> cache, CatalogService catalog,
                       Invalidator invalidator, InvalidationFollower follower, StorefrontServer storefront) {
        this.db = db;
        this.clock = clock;
        this.cache = cache;
        this.catalog = catalog;
        this.invalidator = invalidator;
        this.follower = follower;
        this.admin = new CatalogAdmin(db, invalidator, clock);
        this.storefront = storefront;
        this.preview = new dev.flashsale.sale.StorefrontPreview(db);
        this.cacheControl = new CacheControl(db, invalidator, catalog, clock,
                System.getProperty("user.name", "unknown"));
        // which kind of store, never where: /health may be reachable beyond loopback with --bind
        storefront.addHealthField("store", () -> db.dialect().toString());
        storefront.addCounter("flashsale_invalidation_log_heard",
                "Invalidations of other processes read from the database's log and applied here", follower::heardTotal);
        storefront.addGauge("flashsale_clock_offset_seconds",
                "How far the store's clock is ahead of this host's (sale times follow the store's)",
                () -> clock.offset().toMillis() / 1000.0);
    }

    /** How often the invalidation log is looked at: other processes' writes show within this and a read. */
    static final Duration FOLLOW_INTERVAL = Duration.ofMillis(100);

    /** Starts everything for {@code options}; on failure nothing is left running. */
    public static AppRuntime start(Options options, Clock clock) {
        return start(options, clock, url -> { });
    }

    /**
     * As {@link #start(Options, Clock)}; {@code serving} gets the storefront's URL the moment it
     * serves, before start-up is over (tests put a request or another process's write there).
     */
    static AppRuntime start(Options options, Clock hostClock, java.util.function.Consumer<String> serving) {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(options.bind);
        } catch (UnknownHostException e) {
            throw new StartupException("--bind: unknown address " + options.bind, e);
        }
        Database db;
        try {
            db = Database.open(options.dbAddress);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
        // what has started so far, closed in reverse order if a later step fails
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(db);
        try {
            if (db.isNew() && !options.noDemo) {
                DemoCatalog.seed(db, hostClock);
            }
            StoreClock clock = StoreClock.start(db, hostClock);
            started.push(clock);
            TtlCache.Builder builder = TtlCache.builder();
            if (options.refreshAhead) {
                builder.refreshAhead(0.2, REFRESHERS);
            }
            TtlCache<Object> cache = builder
                    .defaultTtl(Duration.ofSeconds(options.ttlSeconds))
                    .maxEntries(options.maxEntries)
                    .sweepInterval(Duration.ofSeconds(1))
                    .loadWaitTimeout(CatalogService.WAIT_FOR_ANOTHER_LOAD)
                    .wallClock(hostClock)
                    .sizeEstimator(v -> v instanceof Cached<?> c ? c.renderedSize() : -1)
                    .build();
            started.push(cache);
            CatalogService catalog = new CatalogService(db, cache, clock);
            Invalidator invalidator = new Invalidator(db, cache, clock, NodeId.create());
            // Where this process starts reading other processes' writes: before it serves, so a
            // write committed while the storefront starts is applied here too.
            InvalidationFollower follower = new InvalidationFollower(db, invalidator);
            started.push(follower);
            StorefrontServer server = startStorefront(options, bind, catalog, db, clock, invalidator.origin());
            started.push(server);
            serving.accept(server.url());
            AppRuntime runtime = new AppRuntime(db, clock, cache, catalog, invalidator, follower, server);
            follower.start(FOLLOW_INTERVAL);
            if (options.redisAddress != null) {
                started.clear(); // the runtime closes all of it
                started.push(runtime);
                runtime.joinCluster(options, hostClock);
            }
            warnOfPasswordsInUrls(options); // once started: a refused start stays one line
            return runtime;
        } catch (RuntimeException e) {
            closeAll(started, e);
            if (e instanceof StartupException se) {
                throw se;
            }
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static StorefrontServer startStorefront(Options options, InetAddress bind, CatalogService catalog,
                                                    Database db, Clock clock, String node) {
        try {
            return StorefrontServer.start(catalog, db::queryCount, bind, options.port, clock, node);
        } catch (BindException e) {
            throw new StartupException("port " + options.port + " on " + options.bind
                    + " is in use; choose another with --port (0 picks a free one)", e);
        } catch (IOException e) {
            throw new StartupException("cannot start the storefront: " + e.getMessage(), e);
        }
    }

    private static void closeAll(Deque<AutoCloseable> started, RuntimeException cause) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * A password written in {@code --db} or {@code --redis} is in the process's command line, which
     * every user of the machine can read ({@code ps}): said once, with where else it may come from.
     */
    private static void warnOfPasswordsInUrls(Options options) {
        if (options.dbAddress instanceof StoreAddress.Postgres pg && pg.urlPassword().isPresent()) {
            LOG.warning("the --db URL holds a password, and anyone on this machine can read it in the process list"
                    + " (ps); give it in PGPASSWORD or ~/.pgpass instead");
        }
        if (options.redis != null && dev.flashsale.cluster.RedisAddress.parse(options.redis, java.util.Map.of())
                .password() != null) {
            LOG.warning("the --redis URL holds a password, and anyone on this machine can read it in the process list"
                    + " (ps); give it in REDISCLI_AUTH instead");
        }
    }

    private void joinCluster(Options options, Clock clock) {
        java.time.Instant started = clock.instant();
        String host = NodeId.hostName();
        long pid = ProcessHandle.current().pid();
        long[] lastRequests = {storefront.requestsServed()};
        long[] lastAt = {System.nanoTime()};
        cluster = Cluster.join(options.redisAddress, options.cluster, invalidator, catalog, () -> {
            long now = System.nanoTime();
            long requests = storefront.requestsServed();
            double seconds = Math.max(1e-3, (now - lastAt[0]) / 1e9);
            double rps = (requests - lastRequests[0]) / seconds;
            lastRequests[0] = requests;
            lastAt[0] = now;
            var stats = cache.stats();
            return new NodeFigures(invalidator.origin(), storefront.url(), host, pid, Options.version(), started,
                    stats.hitRate(), stats.hits(), stats.misses(), cache.size(), rps,
                    cluster != null && cluster.redisUp() ? "UP" : "DOWN");
        });
        storefront.addHealthField("redis", () -> cluster.redisUp() ? "UP" : "DOWN");
        storefront.addHealthField("cluster", () -> cluster.name());
        storefront.addGauge("flashsale_redis_up", "1 while this node is connected to the cluster's Redis, else 0",
                () -> cluster.redisUp() ? 1 : 0);
        storefront.addCounter("flashsale_cluster_shared_hits", "Loads answered by the cluster's shared tier (Redis) instead of the store, since start",
                () -> cluster.sharedHits());
        storefront.addCounter("flashsale_cluster_store_loads", "Loads this node made from the store, since start",
                () -> cluster.storeLoads());
        storefront.addCounters("flashsale_redis_errors", "Calls to Redis that failed without taking the link down,"
                + " by reason: an error reply (OOM, READONLY, NOPERM...), a timeout, a busy pool", "reason",
                () -> cluster.redisErrors());
        storefront.addCounter("flashsale_cluster_shared_looks", "Commands sent to read or lease a shared value",
                () -> cluster.sharedLooks());
        cacheControl.setScope("cluster " + options.cluster);
    }

    /** The cluster this process is a node of, or null without --redis. */
    @Override
    public Cluster cluster() {
        return cluster;
    }

    /** This process's name on the invalidation log (and, in a cluster, on the bus and the node registry). */
    public String nodeId() {
        return invalidator.origin();
    }

    /** Where this process's invalidations go (tests put a hand between it and the bus). */
    Invalidator invalidator() {
        return invalidator;
    }

    /** The follower of other processes' writes (tests poll it directly instead of waiting). */
    public InvalidationFollower follower() {
        return follower;
    }

    @Override
    public void onChangesFromOtherProcesses(Runnable listener) {
        follower.addListener(heard -> listener.run());
    }

    @Override
    public CatalogAdmin admin() {
        return admin;
    }

    @Override
    public CatalogService catalog() {
        return catalog;
    }

    @Override
    public TtlCache<Object> cache() {
        return cache;
    }

    @Override
    public dev.flashsale.sale.StorefrontPreview preview() {
        return preview;
    }

    @Override
    public CacheControl cacheControl() {
        return cacheControl;
    }

    @Override
    public String storefrontUrl() {
        return storefront.url();
    }

    public int port() {
        return storefront.port();
    }

    @Override
    public String database() {
        return db.address().display();
    }

    @Override
    public String databaseName() {
        return db.address().shortName();
    }

    @Override
    public long databaseQueries() {
        return db.queryCount();
    }

    /** Stops the storefront (requests in progress finish), then closes the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        storefront.stop(Duration.ofSeconds(3));
        if (cluster != null) {
            cluster.close();
        }
        follower.close();
        cache.close();
        clock.close();
        db.close();
    }
}
