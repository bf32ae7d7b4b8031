package dev.flashsale.app;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.cluster.Cluster;
import dev.flashsale.cluster.NodeFigures;
import dev.flashsale.cluster.RedisAddress;
import dev.flashsale.cluster.RedisBus;
import dev.flashsale.cluster.RedisKeys;
import dev.flashsale.cluster.RedisLink;
import dev.flashsale.concurrent.Daemons;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.sale.invalidation.InvalidationFollower;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.sale.read.Cached;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.sale.read.StorefrontPreview;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The application's one composition root: every part is made and joined here, for a node (the
 * console's or a headless one: {@link #node}) and for the commands of the command line
 * ({@link #commands}), from the same options and the one clock {@code Main} reads. What started is
 * closed in reverse order when a later step fails, so a start that fails leaves nothing running.
 */
final class Wiring {

    private static final Logger LOG = Logger.getLogger(Wiring.class.getName());
    /** How often the invalidation log is looked at: other processes' writes show within this and a read. */
    static final Duration FOLLOW_INTERVAL = Duration.ofMillis(100);

    /** Background reloads for refresh-ahead: few threads, daemon, a bounded queue (excess is dropped). */
    private static final Executor REFRESHERS = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), Daemons.named("cache-refresh-ahead"), new ThreadPoolExecutor.AbortPolicy());

    private Wiring() {
    }

    /** The parts every process of a store has: catalog writes, audited cache control, and where invalidations go. */
    record Core(Invalidator invalidator, CatalogAdmin admin, CampaignAdmin campaigns, CacheControl control) {
        static Core of(Database db, TtlCache<Object> cache, CatalogService catalog, Clock clock, String origin) {
            Invalidator invalidator = new Invalidator(db, cache, clock, origin);
            return new Core(invalidator, new CatalogAdmin(db, invalidator, clock), new CampaignAdmin(db, invalidator, clock),
                    new CacheControl(db, invalidator, catalog, clock, System.getProperty("user.name", "unknown"),
                            NodeId.hostName()));
        }
    }

    /**
     * A node: the store, the cache, the catalog's services, the storefront, the follower of other
     * processes' writes and, with {@code --redis}, the cluster. {@code serving} gets the storefront's
     * URL the moment it serves, before start-up is over (tests put a request or another process's
     * write there).
     */
    static AppRuntime node(Options options, Clock hostClock, Consumer<String> serving) {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(options.bind);
        } catch (UnknownHostException e) {
            throw new StartupException("--bind: unknown address " + options.bind, e);
        }
        Database db = open(options.dbAddress);
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(db);
        try {
            if (db.isNew() && !options.noDemo) {
                DemoCatalog.seed(db, hostClock);
            }
            StoreClock clock = StoreClock.start(db, hostClock);
            started.push(clock);
            TtlCache<Object> cache = cache(options, hostClock);
            started.push(cache);
            CatalogService catalog = new CatalogService(db, cache, clock);
            Core core = Core.of(db, cache, catalog, clock, NodeId.create());
            // Where this process starts reading other processes' writes: before it serves, so a
            // write committed while the storefront starts is applied here too.
            InvalidationFollower follower = new InvalidationFollower(db, core.invalidator());
            started.push(follower);
            // the metrics' node label: not the origin, which names the host and the pid
            StorefrontServer server = storefront(options, bind, catalog, db, clock,
                    NodeName.of(options.nodeName, options.port, DataFolder.folder()));
            started.push(server);
            serving.accept(server.url());
            AppRuntime runtime = new AppRuntime(new Parts(db, clock, cache, catalog, core, new StorefrontPreview(db),
                    follower, server));
            measure(server, db, follower, clock);
            follower.start(FOLLOW_INTERVAL);
            if (options.redisAddress != null) {
                started.clear(); // from here the runtime closes all of it
                started.push(runtime);
                runtime.joined(join(options, hostClock, runtime, server, cache, catalog, core));
            }
            warnOfPasswordsInUrls(options); // once started: a refused start stays one line
            return runtime;
        } catch (RuntimeException e) {
            closeAll(started, e);
            throw e instanceof StartupException se ? se : new StartupException(e.getMessage(), e);
        }
    }

    /** What a node is made of, for {@link AppRuntime} to hand out and close. */
    record Parts(Database db, StoreClock clock, TtlCache<Object> cache, CatalogService catalog, Core core,
                 StorefrontPreview preview, InvalidationFollower follower, StorefrontServer storefront) {
    }

    /** What a command of the command line works with: the store, and the cluster's Redis when named. */
    record Commands(Database db, RedisLink link, CatalogAdmin admin, CampaignAdmin campaigns, CacheControl control)
            implements AutoCloseable {
        /** Where an invalidation from here reaches, in words for the command's output. */
        String reach() {
            return control.reach() + (link == null ? " (no --redis: nodes of a cluster hear it from the database"
                    + " within a fraction of a second)" : "");
        }

        @Override
        public void close() {
            if (link != null) {
                link.close();
            }
            db.close();
        }
    }

    /**
     * The parts a command needs: {@code link} (connected, or null without {@code --redis}) takes
     * the invalidations to the cluster's nodes at once. This process serves nothing, so its cache is
     * empty; its name on the log tells its rows from the nodes'.
     */
    static Commands commands(Database db, RedisLink link, RedisKeys keys, Clock clock) {
        TtlCache<Object> none = TtlCache.builder().build();
        Core core = Core.of(db, none, new CatalogService(db, none, clock), clock, "cli-" + NodeId.create());
        if (link != null) {
            core.invalidator().setBus(new RedisBus(link, keys));
            core.control().setScope("cluster " + keys.cluster());
        }
        return new Commands(db, link, core.admin(), core.campaigns(), core.control());
    }

    static Database open(StoreAddress address) {
        try {
            return Database.open(address);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static TtlCache<Object> cache(Options options, Clock wallClock) {
        TtlCache.Builder builder = TtlCache.builder();
        if (options.refreshAhead) {
            builder.refreshAhead(0.2, REFRESHERS);
        }
        return builder
                .defaultTtl(Duration.ofSeconds(options.ttlSeconds))
                .maxEntries(options.maxEntries)
                .sweepInterval(Duration.ofSeconds(1))
                .loadWaitTimeout(CatalogService.WAIT_FOR_ANOTHER_LOAD)
                .wallClock(wallClock)
                .sizeEstimator(v -> v instanceof Cached<?> c ? c.renderedSize() : -1)
                .build();
    }

    private static StorefrontServer storefront(Options options, InetAddress bind, CatalogService catalog, Database db,
                                               Clock clock, String node) {
        try {
            return StorefrontServer.start(catalog, db::queryCount, bind, options.port, clock, node,
                    Duration.ofSeconds(options.httpMaxAgeSeconds));
        } catch (BindException e) {
            throw new StartupException("port " + options.port + " on " + options.bind
                    + " is in use; choose another with --port (0 picks a free one)", e);
        } catch (IOException e) {
            throw new StartupException("cannot start the storefront: " + e.getMessage(), e);
        }
    }

    /** What {@code /health} and {@code /metrics} say of the store and its log, besides the cache and requests. */
    private static void measure(StorefrontServer server, Database db, InvalidationFollower follower, StoreClock clock) {
        // which kind of store, never where: /health may be reachable beyond loopback with --bind
        server.addHealthField("store", () -> db.dialect().toString());
        server.addCounter("flashsale_invalidation_log_heard",
                "Invalidations of other processes read from the database's log and applied here", follower::heardTotal);
        server.addGauge("flashsale_clock_offset_seconds",
                "How far the store's clock is ahead of this host's (sale times follow the store's)",
                () -> clock.offset().toMillis() / 1000.0);
    }

    /** Joins the cluster: the shared tier under the catalog, the bus behind the invalidator, the registry, the figures. */
    private static Cluster join(Options options, Clock clock, AppRuntime runtime, StorefrontServer server,
                                TtlCache<Object> cache, CatalogService catalog, Core core) {
        Instant started = clock.instant();
        String host = NodeId.hostName();
        long pid = ProcessHandle.current().pid();
        long[] lastRequests = {server.requestsServed()};
        long[] lastAt = {System.nanoTime()};
        Cluster cluster = Cluster.join(options.redisAddress, options.cluster.cluster, core.invalidator(), catalog, () -> {
            long now = System.nanoTime();
            long requests = server.requestsServed();
            double seconds = Math.max(1e-3, (now - lastAt[0]) / 1e9);
            double rps = (requests - lastRequests[0]) / seconds;
            lastRequests[0] = requests;
            lastAt[0] = now;
            var stats = cache.stats();
            Cluster c = runtime.cluster();
            return new NodeFigures(core.invalidator().origin(), server.url(), host, pid, Options.version(), started,
                    stats, cache.size(), rps, c != null && c.redisUp() ? "UP" : "DOWN");
        });
        server.addHealthField("redis", () -> cluster.redisUp() ? "UP" : "DOWN");
        server.addHealthField("cluster", cluster::name);
        server.addGauge("flashsale_redis_up", "1 while this node is connected to the cluster's Redis, else 0",
                () -> cluster.redisUp() ? 1 : 0);
        server.addCounter("flashsale_cluster_shared_hits",
                "Loads answered by the cluster's shared tier (Redis) instead of the store, since start", cluster::sharedHits);
        server.addCounter("flashsale_cluster_store_loads", "Loads this node made from the store, since start",
                cluster::storeLoads);
        server.addCounters("flashsale_redis_errors", "Calls to Redis that failed without taking the link down,"
                + " by reason: an error reply (OOM, READONLY, NOPERM...), a timeout, a busy pool", "reason",
                cluster::redisErrors);
        server.addCounter("flashsale_cluster_shared_looks", "Commands sent to read or lease a shared value",
                cluster::sharedLooks);
        server.addCounter("flashsale_cluster_bus_heard", "Invalidations of other nodes heard on the cluster's channel,"
                + " since start", cluster::heard);
        core.control().setScope("cluster " + options.cluster.cluster);
        return cluster;
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
        if (options.cluster.passwordInUrl()) {
            LOG.warning("the --redis URL holds a password, and anyone on this machine can read it in the process list"
                    + " (ps); give it in REDISCLI_AUTH instead");
        }
    }

    /** For the commands: connected to {@code address}, or a refusal the command turns into exit 2. */
    static RedisLink connect(RedisAddress address) {
        RedisLink link = new RedisLink(address, "cli-" + ProcessHandle.current().pid());
        try {
            link.connect();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
        return link;
    }
}
