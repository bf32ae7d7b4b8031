package dev.flashsale.app;

import dev.flashsale.cache.CacheLimits;
import dev.flashsale.cluster.RedisAddress;
import dev.flashsale.store.StoreAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of the console and of a headless node (README, "Options"). */
@Command(name = "flash-sale-console", mixinStandardHelpOptions = true, versionProvider = Options.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Schedule flash sales in a store (a local SQLite file, or PostgreSQL) and watch the storefront's shared cache.",
            "The storefront's read API is served over HTTP through that cache."})
public final class Options implements Callable<Integer> {

    @Mixin
    StoreOption store = new StoreOption();

    /** Parsed from {@code --db} by {@link #validate()} (the default file in the user's data folder without it). */
    StoreAddress dbAddress;

    @Option(names = "--port", paramLabel = "N", description = "storefront port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address the storefront listens on (default: ${DEFAULT-VALUE})")
    String bind = "127.0.0.1";

    @Option(names = "--ttl", paramLabel = "SECONDS",
            description = "cache TTL in seconds, 0 to 86400 (default: ${DEFAULT-VALUE}; 0 switches the cache off)")
    long ttlSeconds = 30;

    @Option(names = "--max-entries", paramLabel = "N",
            description = "cache size bound, 1 to 10000000 (default: ${DEFAULT-VALUE})")
    int maxEntries = 100_000;

    @Option(names = "--http-max-age", paramLabel = "SECONDS",
            description = "how long browsers and CDNs may keep a storefront answer, 0 to 86400 (default: ${DEFAULT-VALUE};"
                    + " never beyond the answer's next sale start or end; 0 sends no-cache)")
    long httpMaxAgeSeconds = 5;

    @Option(names = "--refresh-ahead", description = "reload a loaded entry read in the last 20 %% of its TTL in the background, so hot keys never miss")
    boolean refreshAhead;

    @Option(names = "--headless", description = "serve the storefront only, without a window, until stopped (Ctrl+C, SIGTERM)")
    boolean headless;

    @Option(names = "--no-demo", description = "do not seed a new database with the demo catalog")
    boolean noDemo;

    @Option(names = "--node-name", paramLabel = "NAME", description = {
        "this node's name in /metrics (the node label) and the logs: letters, digits, '.', '_', '-', up to 64;",
        "{host} and {pid} are replaced by the host name and the process id if you want them there (default: a",
        "random id kept in the user's data folder, and the port: /metrics tells nobody about the machine)"})
    String nodeName;

    @Mixin
    RedisOptions cluster = new RedisOptions();

    /** Parsed from {@code --redis} by {@link #validate()}; null without it. */
    RedisAddress redisAddress;

    @Override
    public Integer call() {
        return 0;
    }

    /** Checks what picocli's types cannot. */
    void validate() {
        if (nodeName != null && !NodeName.valid(nodeName)) {
            throw new IllegalArgumentException("--node-name must be 1 to 64 letters, digits, '.', '_' or '-' (with"
                    + " {host} and {pid} if wanted), got '" + nodeName + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        String ttlProblem = CacheLimits.ttlProblem(ttlSeconds);
        if (ttlProblem != null) {
            throw new IllegalArgumentException("--ttl " + ttlProblem);
        }
        String maxAgeProblem = CacheLimits.ttlProblem(httpMaxAgeSeconds);
        if (maxAgeProblem != null) {
            throw new IllegalArgumentException("--http-max-age " + maxAgeProblem);
        }
        String entriesProblem = CacheLimits.maxEntriesProblem(maxEntries);
        if (entriesProblem != null) {
            throw new IllegalArgumentException("--max-entries " + entriesProblem);
        }
        dbAddress = store.address(DataFolder.defaultDatabase().toString());
        cluster.keys(); // throws with the rule for names
        redisAddress = cluster.address(System.getenv());
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
