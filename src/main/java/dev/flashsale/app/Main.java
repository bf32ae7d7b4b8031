package dev.flashsale.app;

import dev.flashsale.console.ConsoleApp;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import picocli.CommandLine;

/**
 * Entry point of the runnable jar. It is deliberately not an {@code Application} subclass: a fat
 * jar whose main class extends {@code Application} stops with "JavaFX runtime components are
 * missing" before any of our code runs.
 *
 * <p>Exit codes: 0 after --help, --version or a clean stop; 2 for a bad option or a start-up
 * failure (port in use, unusable database), with a one-line message and no stack trace.
 */
public final class Main {
    static final String NAME = "flash-sale-console";

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Returns an exit code, or -1 when the application keeps running (the window is open). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        quietPoolLogs();
        if (Subcommands.handles(args)) {
            return Subcommands.run(args, out, err, System.getenv(), Clock.systemUTC());
        }
        CommandLine cl = new CommandLine(new Options());
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(NAME + ": " + oneLine(e.getMessage()) + " (see --help)");
            return 2;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return 0;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            return 0;
        }
        Options options = cl.getCommand();
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + oneLine(e.getMessage()) + " (see --help)");
            return 2;
        }
        if (!options.headless) {
            quietClassPathWarning();
            Application.launch(ConsoleApp.class, args);
            return 0;
        }
        return runHeadless(options, out, err);
    }

    /**
     * A message as one line: picocli repeats the value it refused, and a value may hold any line
     * break (a carriage return, U+2028) or control character, which would split the message.
     */
    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]+", " ").strip();
    }

    /** Kept strongly: a JUL logger's level is lost when the logger is collected. */
    private static final Logger HIKARI = Logger.getLogger("com.zaxxer.hikari");
    private static final Logger HIKARI_POOL = Logger.getLogger("com.zaxxer.hikari.pool.PoolBase");

    /**
     * HikariCP announces every start and stop at INFO, and a connection the server closed during a
     * restart as a WARNING that suggests tuning; the store's own lines say when the server is
     * out of reach and when it is back, so only the pool's real warnings and errors show.
     */
    static void quietPoolLogs() {
        HIKARI.setLevel(Level.WARNING);
        HIKARI_POOL.setLevel(Level.SEVERE);
    }

    /** Kept strongly: a JUL logger's filter is lost when the logger is collected. */
    private static Logger javafxLogger;

    /**
     * JavaFX logs "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" on
     * every start from the class path, which is how a single runnable jar (and the installers built
     * from it) carries JavaFX; it is what we test, on JDK 17 and 25. The line only alarms users, so
     * that one message is filtered; everything else JavaFX logs still shows.
     */
    static void quietClassPathWarning() {
        javafxLogger = Logger.getLogger("javafx");
        javafxLogger.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    private static int runHeadless(Options options, PrintStream out, PrintStream err) {
        AppRuntime runtime;
        try {
            runtime = AppRuntime.start(options, Clock.systemUTC());
        } catch (StartupException e) {
            err.println(NAME + ": " + e.getMessage());
            return 2;
        }
        out.println("Storefront listening on " + runtime.storefrontUrl() + " (database " + runtime.database() + ")");
        if (runtime.cluster() != null) {
            out.println("Node " + runtime.nodeId() + " of cluster " + runtime.cluster().name() + " through "
                    + runtime.cluster().address() + " (Redis " + (runtime.cluster().redisUp() ? "UP" : "DOWN") + ")");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close(); // lets requests in progress finish, then closes the database
            out.println("Stopped cleanly.");
            out.flush();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }
}
