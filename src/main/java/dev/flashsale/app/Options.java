package dev.flashsale.app;

import dev.flashsale.store.Database;
import dev.flashsale.store.StoreAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of DESIGN.md's run-time contract. */
@Command(name = "flash-sale-console", mixinStandardHelpOptions = true, versionProvider = Options.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Schedule flash sales in a local SQLite store and watch the storefront's shared cache.",
            "The storefront's read API is served over HTTP through that cache."})
public final class Options implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "PATH|URL", description = {
        "SQLite database file (default: ${DEFAULT-VALUE}), or a PostgreSQL database: postgresql://USER@HOST[:PORT]/DB",
        "[?sslmode=verify-full&...], password from PGPASSWORD or ~/.pgpass; created and seeded with a demo catalog if new"})
    String db = DataFolder.defaultDatabase().toString();

    /** Parsed from {@link #db} by {@link #validate()}. */
    StoreAddress dbAddress;

    @Option(names = "--port", paramLabel = "N", description = "storefront port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address the storefront listens on (default: ${DEFAULT-VALUE})")
    String bind = "127.0.0.1";

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "cache TTL in seconds (default: ${DEFAULT-VALUE}; 0 switches the cache off)")
    long ttlSeconds = 30;

    @Option(names = "--max-entries", paramLabel = "N", description = "cache size bound (default: ${DEFAULT-VALUE})")
    int maxEntries = 100_000;

    @Option(names = "--refresh-ahead", description = "reload a loaded entry read in the last 20 %% of its TTL in the background, so hot keys never miss")
    boolean refreshAhead;

    @Option(names = "--headless", description = "serve the storefront only, without a window, until stopped (Ctrl+C, SIGTERM)")
    boolean headless;

    @Option(names = "--no-demo", description = "do not seed a new database with the demo catalog")
    boolean noDemo;

    @Option(names = "--redis", paramLabel = "URL", description = {
        "join a cluster through this Redis: redis://[USER[:PASSWORD]@]HOST[:PORT][/DB], rediss:// for TLS;",
        "the password may come from REDISCLI_AUTH instead (default: no Redis, one process or processes on one database file)"})
    String redis;

    @Option(names = "--cluster", paramLabel = "NAME", description = "cluster name, the prefix of its Redis keys (default: ${DEFAULT-VALUE})")
    String cluster = dev.flashsale.cluster.RedisKeys.DEFAULT_CLUSTER;

    /** Parsed from {@link #redis} by {@link #validate()}. */
    dev.flashsale.cluster.RedisAddress redisAddress;

    @Override
    public Integer call() {
        return 0;
    }

    /** Checks what picocli's types cannot. */
    void validate() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (ttlSeconds < 0 || ttlSeconds > 86_400) {
            throw new IllegalArgumentException("--ttl must be between 0 and 86400 seconds, got " + ttlSeconds);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("--max-entries must be at least 1, got " + maxEntries);
        }
        try {
            dbAddress = Database.address(db);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--db: " + e.getMessage(), e);
        }
        new dev.flashsale.cluster.RedisKeys(cluster); // throws with the rule for names
        redisAddress = redis == null ? null : dev.flashsale.cluster.RedisAddress.parse(redis, System.getenv());
    }

    /** Parses {@code args}; throws IllegalArgumentException with a one-line message on bad input. */
    static Options parse(String... args) {
        Options o = new Options();
        CommandLine cl = new CommandLine(o);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(Main.oneLine(e.getMessage()));
        }
        o.validate();
        return o;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flash-sale-console " + version()};
        }
    }

    static String version() {
        String v = Options.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
