package dev.flashsale.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The store: a SQLite file (the default, nothing to install) or a PostgreSQL database (for nodes
 * on several hosts), with the same schema, migrated on open. Work is handed in as
 * {@link SqlWork}; {@link #write} runs it in one transaction. Every statement prepared through
 * {@link #prepare} is counted, so tests, metrics and the console can show how much work the cache
 * saves. What differs between the two stores stays behind this class.
 */
public final class Database implements AutoCloseable {

    private final Engine engine;
    private final LongAdder queries = new LongAdder();
    private final List<Runnable> onPermissionDenied = new CopyOnWriteArrayList<>();

    private Database(Engine engine) {
        this.engine = engine;
    }

    /**
     * Opens (creating if needed) the SQLite database at {@code file}. A file that is not a SQLite
     * database, is damaged, belongs to another application or was written by a newer version is
     * refused with a clear message, and is not modified; one its user may only read is opened
     * read-only ({@link #access()}: a viewer).
     */
    public static Database open(Path file) {
        return new Database(SqliteEngine.open(file));
    }

    /** Opens the store {@code address} names; for PostgreSQL the password may come from {@code PGPASSWORD}. */
    public static Database open(StoreAddress address) {
        return open(address, System.getenv());
    }

    /** As {@link #open(StoreAddress)}, with the environment given (tests). */
    public static Database open(StoreAddress address, Map<String, String> env) {
        if (address instanceof StoreAddress.SqliteFile f) {
            return open(f.file());
        }
        return new Database(PostgresEngine.open((StoreAddress.Postgres) address, env));
    }

    /**
     * Reads {@code --db}'s argument: a file path or a PostgreSQL URL. Throws
     * {@link IllegalArgumentException} with a message that never repeats a password.
     */
    public static StoreAddress address(String text) {
        return StoreAddress.parse(text);
    }

    /**
     * Who this process is on the store, and what the store lets it do ({@code role} null: not even
     * read); {@code readOnlyFile} names a SQLite file its user may only read.
     */
    public record Access(String user, StoreRole role, Path readOnlyFile) {
        public Access(String user, StoreRole role) {
            this(user, role, null);
        }

        /** Whether this login may do what {@code needed} may. */
        public boolean may(StoreRole needed) {
            return role != null && role.covers(needed);
        }

        /** "alice, operator"; "bob, viewer (read-only file)". */
        @Override
        public String toString() {
            return user + ", " + (role == null ? "no access" : role.label())
                    + (readOnlyFile == null ? "" : " (read-only file)");
        }
    }

    /**
     * Reads, from the store itself, who this process logged in as and what it may do: on
     * PostgreSQL the privileges its login holds now (a grant may change while it runs: ask again
     * after a refusal), on SQLite the OS user, an admin.
     */
    public Access access() {
        if (dialect() == Dialect.SQLITE) { // a file has one owner, or readers
            String user = System.getProperty("user.name", "?");
            return engine.readOnly() ? new Access(user, StoreRole.VIEWER, ((StoreAddress.SqliteFile) address()).file())
                    : new Access(user, StoreRole.ADMIN);
        }
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user,"
                    + " has_table_privilege('flash_sale', 'UPDATE'), has_table_privilege('cache_invalidation', 'INSERT'),"
                    + " has_table_privilege('flash_sale', 'SELECT')")) {
                rs.next();
                StoreRole role = rs.getBoolean(2) ? StoreRole.ADMIN : rs.getBoolean(3) ? StoreRole.OPERATOR
                        : rs.getBoolean(4) ? StoreRole.VIEWER : null;
                return new Access(rs.getString(1), role);
            }
        });
    }

    public Dialect dialect() {
        return engine.address().dialect();
    }

    /** Where the store is, safe to show anywhere (no password). */
    public StoreAddress address() {
        return engine.address();
    }

    /** True when the database had no schema before this open (a new database): seed it then. */
    public boolean isNew() {
        return engine.versionFound() == 0;
    }

    public int schemaVersion() {
        return Migrations.latestVersion();
    }

    /** Statements executed through this database since it was opened. */
    public long queryCount() {
        return queries.sum();
    }

    /** Prepares a statement and counts it as one query (each is executed once). */
    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        queries.increment();
        return c.prepareStatement(sql);
    }

    /**
     * A number that changes whenever another connection (of this process or another) may have
     * committed a change to the invalidation log: SQLite's {@code PRAGMA data_version} on a
     * connection of its own, or notifications heard on PostgreSQL. Cheap enough to poll often.
     */
    public long dataVersion() {
        return engine.dataVersion();
    }

    /**
     * Blocks up to {@code timeout} until another connection announces a change (PostgreSQL's
     * {@code LISTEN}); on a store that cannot announce (SQLite) returns at once, and the caller
     * polls {@link #dataVersion()} on its own schedule.
     */
    public void awaitChange(Duration timeout) {
        engine.awaitChange(timeout.toMillis());
    }

    /** True when {@link #awaitChange} wakes on other connections' commits. */
    public boolean announcesChanges() {
        return engine.announcesChanges();
    }

    /**
     * Tells other processes, once this transaction commits, that it changed the invalidation log
     * ({@code NOTIFY} on PostgreSQL; SQLite's readers notice by themselves).
     */
    public void announceChange(Connection c) throws SQLException {
        engine.announce(c);
    }

    /**
     * Holds row {@code id} of {@code table} until the transaction ends, so two processes checking
     * the same rule against it (sales of one product must not overlap) take turns. SQLite's
     * write transactions already take turns for the whole file.
     */
    public void lockRow(Connection c, String table, long id) throws SQLException {
        engine.lockRow(c, table, id);
    }

    /** Before appending to a log read by sequence number: appends commit in sequence order. */
    public void orderAppends(Connection c) throws SQLException {
        engine.orderAppends(c);
    }

    /**
     * Runs read work in auto-commit mode, giving up once the server has been silent for
     * {@code budget} (a storefront load must not hold its thread for the store's default 30 s).
     * The wait for a free connection is bounded on its own ({@code BORROW_TIMEOUT_MS}).
     */
    public <T> T read(Duration budget, SqlWork<T> work) {
        Connection c = engine.borrow();
        try {
            engine.boundWait(c, budget.toMillis());
            try {
                return work.run(c);
            } finally {
                engine.boundWait(c, 0);
            }
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            engine.giveBack(c);
        }
    }

    /**
     * The store's clock read once, with how long the round trip took: the store's now lies within
     * that round trip, so its midpoint is the best guess of when it was read.
     */
    public record ClockReading(long storeMillis, long sentNanos, long answeredNanos) {
    }

    /** Reads the store's clock ({@link ClockReading}), within {@code budget}. */
    public ClockReading readClock(Duration budget, LongSupplier nanos) {
        return read(budget, c -> {
            try (PreparedStatement ps = prepare(c, engine.nowMillisSql())) {
                long sent = nanos.getAsLong();
                try (ResultSet rs = ps.executeQuery()) {
                    long answered = nanos.getAsLong();
                    rs.next();
                    return new ClockReading(rs.getLong(1), sent, answered);
                }
            }
        });
    }

    /** Runs read work in auto-commit mode. */
    public <T> T read(SqlWork<T> work) {
        Connection c = engine.borrow();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            engine.giveBack(c);
        }
    }

    /**
     * Runs read work in one read-only transaction: every statement sees the same snapshot (an export
     * reading products and then sales never finds a sale whose product it did not see), and no
     * writer waits for it.
     */
    public <T> T snapshot(SqlWork<T> work) {
        return read(c -> {
            engine.beginSnapshot(c);
            try {
                return work.run(c);
            } finally {
                engine.endSnapshot(c);
            }
        });
    }

    /** Runs work in one transaction: all of it is written, or none of it. */
    public <T> T write(SqlWork<T> work) {
        Connection c = engine.borrow();
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            engine.giveBack(c);
        }
    }

    /**
     * Calls {@code listener} (on the refused caller's thread) whenever the store refuses this
     * login a statement: a grant changed while the process ran, so what it may do must be read
     * again ({@link #access()}).
     */
    public void onPermissionDenied(Runnable listener) {
        onPermissionDenied.add(listener);
    }

    private StoreException failed(SQLException e) {
        StoreException translated = engine.failed(e);
        if (translated.permissionDenied()) {
            onPermissionDenied.forEach(Runnable::run);
        }
        return translated;
    }

    /** A rollback on a connection the server dropped fails too: the first error is the one to report. */
    private static void rollbackQuietly(Connection c, Throwable first) {
        try {
            c.rollback();
        } catch (SQLException e) {
            first.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection: the pool discards it
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
