package dev.flashsale.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A PostgreSQL database: a bounded HikariCP pool with timeouts, the schema migrated on open under
 * an advisory lock, and a connection of its own that {@code LISTEN}s for commits of the
 * invalidation log, so processes on other hosts hear them with no other server.
 */
final class PostgresEngine implements Engine {

    /** Connections per process: the storefront's loads are single-row reads of a millisecond. */
    static final int POOL_SIZE = 8;
    /** How long a load waits for a connection before the storefront answers 503. */
    static final long BORROW_TIMEOUT_MS = 1_000;
    /** The channel the invalidation log is announced on. */
    static final String CHANNEL = "flashsale_invalidation";

    private static final Driver DRIVER = new Driver();

    private final StoreAddress.Postgres address;
    private final Properties connectionProperties;
    /** The store's own bound on a silent server, for statements without a budget of their own (writes, imports). */
    private final int socketTimeoutMillis;
    private final HikariDataSource pool;
    private final int versionFound;
    /** After the pool could not reach the server, how long callers are answered at once before it tries again. */
    static final long RETRY_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private volatile StoreException unreachable;
    private volatile long retryAtNanos;
    private Connection listener;
    private long listenerCheckedAt;
    private long changes;
    /** How often the listening connection must prove it is alive, and how long it has to answer. */
    static final long LISTENER_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final int LISTENER_ANSWER_SECONDS = 3;
    private static final Logger LOG = Logger.getLogger(PostgresEngine.class.getName());
    private volatile boolean closed;

    private PostgresEngine(StoreAddress.Postgres address, String password) {
        this.address = address;
        this.connectionProperties = properties(address, password);
        this.socketTimeoutMillis = socketTimeoutMillis(connectionProperties);
        Connection first = connectDirect();
        try {
            versionFound = Migrations.migrate(first, Dialect.POSTGRESQL, "the database " + address.display());
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            closeQuietly(first);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("flashsale-postgresql");
        config.setJdbcUrl(address.jdbcUrl());
        config.setDriverClassName(Driver.class.getName());
        config.setDataSourceProperties(connectionProperties);
        // A fixed-size pool, as HikariCP advises: a flash sale is a spike, and its first misses
        // should not wait for connections (and their SCRAM handshakes) to be opened one by one.
        // Opened in the background after start; a process holds POOL_SIZE + 1 (the listener).
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(BORROW_TIMEOUT_MS);
        // A connection is checked before it is lent after 500 ms idle: a dead one (a silent cut)
        // must fail that check quickly, well inside the borrow timeout, and idle ones are checked
        // every 30 s anyway so a quiet node finds out before a shopper does.
        config.setValidationTimeout(250);
        config.setKeepaliveTime(30_000);
        // already reached once above; a server down from here on shows as loads that fail (503)
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
    }

    /**
     * Opens the database at {@code address}, migrating it. The password is the URL's, else
     * {@code PGPASSWORD}'s, else the driver reads {@code ~/.pgpass} ({@code PGPASSFILE}) as libpq does.
     */
    static PostgresEngine open(StoreAddress.Postgres address, Map<String, String> env) {
        String password = address.urlPassword().orElse(env.get("PGPASSWORD"));
        return new PostgresEngine(address, password);
    }

    private static Properties properties(StoreAddress.Postgres address, String password) {
        Properties p = new Properties();
        // Defaults that keep a dead or silent server from hanging a start or a request; the URL's
        // own parameters (connectTimeout=..., sslmode=...) win.
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "10");
        p.setProperty("socketTimeout", "30");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "flash-sale-console");
        address.parameters().forEach(p::setProperty);
        p.setProperty("user", address.user());
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    private static int socketTimeoutMillis(Properties p) {
        try {
            return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(p.getProperty("socketTimeout", "0").strip()) * 1000);
        } catch (NumberFormatException e) {
            return 30_000; // the driver refuses such a URL anyway
        }
    }

    private Connection connectDirect() {
        try {
            // the driver itself, not DriverManager's service lookup (one less thing for a shaded jar)
            Connection c = DRIVER.connect(address.jdbcUrl(), connectionProperties);
            if (c == null) {
                throw new StoreException("the PostgreSQL driver did not accept " + address.display());
            }
            return c;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public StoreAddress address() {
        return address;
    }

    @Override
    public int versionFound() {
        return versionFound;
    }

    @Override
    public Connection borrow() {
        if (closed) {
            throw new StoreException("the database " + address.display() + " is closed");
        }
        StoreException down = unreachable;
        if (down != null && System.nanoTime() < retryAtNanos) {
            // answer at once while the server is known to be down, instead of holding the
            // caller (a storefront thread) for the pool's whole timeout on every request
            throw new StoreException(down.getMessage(), down);
        }
        try {
            Connection c = pool.getConnection();
            unreachable = null;
            return c;
        } catch (SQLException e) {
            if (e instanceof SQLTransientConnectionException && allInUse()) {
                // Busy, not down: every connection is lent to someone (slow queries, a burst of
                // misses). The next caller may well get one, so nobody is failed in advance.
                throw new StoreException("the database is busy: no connection of this process's " + POOL_SIZE
                        + " became free within " + BORROW_TIMEOUT_MS + " ms", e);
            }
            if (e instanceof SQLTransientConnectionException) {
                // Connections were there but none passed its check in time: the network under
                // them broke (a silent cut, a frozen server). Renew them all rather than let each
                // caller find the next dead one.
                var stats = pool.getHikariPoolMXBean();
                if (stats != null) {
                    stats.softEvictConnections();
                }
                if (e.getCause() == null) {
                    throw new StoreException("the PostgreSQL server " + address.hosts()
                            + " did not answer within " + BORROW_TIMEOUT_MS + " ms", e);
                }
            }
            StoreException se = translate(e);
            if (e instanceof SQLTransientConnectionException) {
                retryAtNanos = System.nanoTime() + RETRY_AFTER_NANOS;
                unreachable = se;
            }
            throw se;
        }
    }

    /** Every connection of the pool is lent out (as opposed to: they could not be opened). */
    private boolean allInUse() {
        var stats = pool.getHikariPoolMXBean();
        return stats != null && stats.getActiveConnections() >= POOL_SIZE;
    }

    @Override
    public void giveBack(Connection c) {
        closeQuietly(c); // back to the pool
    }

    /**
     * Counts notifications on the log's channel, read without blocking from a connection that
     * only listens. After that connection is (re)opened the count moves too: whatever was
     * committed while nobody listened is read from the log itself.
     */
    @Override
    public synchronized long dataVersion() {
        return hear(-1);
    }

    /**
     * Waits on the listening connection itself, so a commit elsewhere wakes the follower within
     * a round trip instead of at its next poll.
     */
    @Override
    public synchronized void awaitChange(long millis) {
        hear((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
    }

    /**
     * Reads the listening connection (opening it and {@code LISTEN}ing first when needed): what
     * has arrived ({@code waitMillis < 0}) or what arrives within {@code waitMillis}. Returns the
     * change count; a broken connection is dropped and reopened by the next call.
     */
    private long hear(int waitMillis) {
        if (closed) {
            throw new StoreException("the database " + address.display() + " is closed");
        }
        try {
            if (listener != null && System.nanoTime() - listenerCheckedAt > LISTENER_CHECK_NANOS) {
                checkListener();
            }
            if (listener == null) {
                listener = connectDirect();
                try (Statement st = listener.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listenerCheckedAt = System.nanoTime();
                changes++;
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            PGNotification[] heard = waitMillis < 0 ? pg.getNotifications() : pg.getNotifications(waitMillis);
            if (heard != null && heard.length > 0) {
                changes++;
            }
            return changes;
        } catch (SQLException e) {
            closeQuietly(listener);
            listener = null;
            throw translate(e);
        }
    }

    /**
     * A listening connection only reads; if the network drops it without a word (a NAT or firewall
     * forgetting an idle flow, a host lost without a reset), it would wait for notifications that
     * never come and this process would stop hearing other processes' writes. So it is asked to
     * answer every few seconds; one that does not is replaced, and the change count moves so the
     * follower reads whatever the log gained meanwhile.
     */
    private void checkListener() throws SQLException {
        listenerCheckedAt = System.nanoTime();
        if (!listener.isValid(LISTENER_ANSWER_SECONDS)) {
            LOG.warning("the connection listening for other processes' writes to " + address.display()
                    + " stopped answering; reconnecting and reading what the invalidation log gained meanwhile");
            closeQuietly(listener);
            listener = null;
        }
    }

    @Override
    public boolean announcesChanges() {
        return true;
    }

    @Override
    public void announce(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("NOTIFY " + CHANNEL); // delivered at commit, never for a rollback
        }
    }

    @Override
    public void lockRow(Connection c, String table, long id) throws SQLException {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            ps.executeQuery().close();
        }
    }

    /**
     * Sequence numbers are handed out at insert, not at commit: two writers could commit 7
     * before 6, and a reader between the commits would skip 6 for good. One writer at a time
     * appends (a transaction-scoped advisory lock, held to commit) so numbers commit in order.
     */
    @Override
    public void orderAppends(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + (Migrations.PG_MIGRATION_LOCK + 1) + ")");
        }
    }

    /** pgjdbc bounds each read of the socket (SO_TIMEOUT); the executor is not used for that. */
    @Override
    public void boundWait(Connection c, long millis) throws SQLException {
        c.setNetworkTimeout(Runnable::run, (int) (millis > 0 ? millis : socketTimeoutMillis));
    }

    @Override
    public void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    @Override
    public void endSnapshot(Connection c) throws SQLException {
        try {
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * A connection that broke mid-statement (the server went away, or the network between went
     * silent and the statement timed out) rarely broke alone: the others lent from the same pool
     * went the same way. They are all replaced (idle ones now, lent ones when given back), so the
     * next loads do not each wait out a dead connection's timeout in turn.
     */
    @Override
    public StoreException failed(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") && !closed) {
            var stats = pool.getHikariPoolMXBean();
            if (stats != null) {
                stats.softEvictConnections();
            }
        }
        return translate(e);
    }

    /** {@code clock_timestamp()}: the moment of the call, not of the transaction's start as {@code now()}. */
    @Override
    public String nowMillisSql() {
        return "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)";
    }

    @Override
    public StoreException translate(SQLException e) {
        String where = address.display();
        String server = address.hosts();
        SQLException root = e;
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException inner) {
            root = inner; // HikariCP's "not available" wraps the driver's own error
        }
        String state = root.getSQLState() == null ? "" : root.getSQLState();
        String msg = firstLine(root);
        if (state.equals("28P01") || state.equals("28000")) {
            return new StoreException("the PostgreSQL server " + server + " refused user \"" + address.user()
                    + "\": " + msg + " (the password comes from PGPASSWORD or ~/.pgpass)", e);
        }
        if (msg.contains("no password was provided") || msg.contains("password-based authentication")) {
            return new StoreException("the PostgreSQL server " + server + " wants a password for user \""
                    + address.user() + "\": set PGPASSWORD or add it to ~/.pgpass", e);
        }
        if (state.equals("3D000")) {
            return new StoreException("the PostgreSQL server " + server + " has no database \"" + address.database()
                    + "\": create it (createdb) or correct the URL", e);
        }
        if (state.equals("42501")) {
            return StoreException.permissionDenied("the database user \"" + address.user() + "\" lacks a permission on "
                    + where + ": " + msg, e);
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03") || root != e
                || e instanceof SQLTransientConnectionException) {
            return new StoreException("the PostgreSQL server " + server + " cannot be reached: " + msg, e);
        }
        return new StoreException("database error: " + msg, e);
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.toLowerCase(Locale.ROOT).startsWith("flashsale-postgresql - ") ? m.substring(23) : m;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        pool.close();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }
}
