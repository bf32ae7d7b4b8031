package dev.flashsale.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One SQLite database file: WAL, foreign keys on, a busy timeout, the schema migrated on open,
 * and a small pool of connections of its own (SQLite has one writer at a time; four connections
 * are plenty, and a pool library would add nothing).
 */
final class SqliteEngine implements Engine {

    static final int POOL_SIZE = 4;
    static final int BUSY_TIMEOUT_MS = 5_000;
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final String url;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL_SIZE);
    private final List<Connection> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final int versionFound;
    /** The file is read-only for this user: opened so, the process may look and not write (a viewer). */
    private final boolean readOnly;
    private volatile boolean closed;
    /** Kept out of the pool: its {@code PRAGMA data_version} moves when any other connection commits. */
    private Connection watcher;
    private PreparedStatement watcherQuery;

    private SqliteEngine(Path file, Opening opening) {
        this.file = file;
        this.readOnly = opening.readOnly();
        this.url = opening.url();
        Connection first = open();
        try {
            if (readOnly) {
                int found = Migrations.userVersion(first);
                if (found == 0) {
                    throw noCatalog(file);
                }
                if (found < Migrations.latestVersion()) {
                    throw new StoreException(file + " is read-only, and this version would need to upgrade its schema"
                            + " (from step " + found + " to " + Migrations.latestVersion() + "): open it once with"
                            + " write access, or open a copy; it was left untouched");
                }
            }
            versionFound = Migrations.migrate(first, Dialect.SQLITE, "the database " + file);
        } catch (SQLException e) {
            closeQuietly(first);
            throw new StoreException(file + ": could not read the schema: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(first);
            throw e;
        }
        idle.add(first);
    }

    /**
     * Opens (creating if needed) the database at {@code file}. A file that is not a SQLite
     * database, is damaged, belongs to another application or was written by a newer version is
     * refused with a clear message, and is not modified. A file its user may only read (no write
     * permission, even for root) is opened read-only: the process may look, and every write is
     * refused by SQLite.
     */
    static SqliteEngine open(Path file) {
        return new SqliteEngine(file, checkBeforeOpening(file));
    }

    /** How to open a file: read-only (there, and this user may not write it), and through which URL. */
    private record Opening(boolean readOnly, String url) {
        static Opening of(Path file, boolean readOnly) {
            return new Opening(readOnly, SqliteEngine.url(file, readOnly));
        }
    }

    private static StoreException noCatalog(Path file) {
        return new StoreException(file + " is read-only and holds no catalog: there is nothing to look at, and none"
                + " can be created in it. Make it writable or choose another file with --db");
    }

    /** How to open the file; refuses what cannot be opened. */
    private static Opening checkBeforeOpening(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new StoreException(file + " is a folder, not a database file");
            }
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                return Opening.of(file, false);
            }
            boolean readOnly = !Files.isWritable(file) || lacksOwnerWrite(file);
            long size = Files.size(file);
            if (size == 0) {
                if (readOnly) {
                    throw noCatalog(file);
                }
                return Opening.of(file, false); // SQLite treats an empty file as a new database
            }
            byte[] head = new byte[SQLITE_HEADER.length];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            if (n < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
                throw new StoreException(file + " is not a SQLite database (it does not start with the SQLite"
                        + " header); it was left untouched");
            }
            Opening opening = Opening.of(file, readOnly);
            inspectReadOnly(file, opening.url());
            return opening;
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean lacksOwnerWrite(Path file) throws IOException {
        try {
            return !Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException e) {
            return false; // not a POSIX file system: Files.isWritable said enough
        }
    }

    /**
     * The JDBC URL of {@code file}. A WAL file is read through its shared-memory file beside it
     * ({@code -shm}), which a reader creates if it is missing: a read-only file in a folder this
     * user may not write either (a colleague's share), with no process on it, cannot be read that
     * way. SQLite then reads it as immutable: no locks, no shared memory, and nobody writes it.
     */
    private static String url(Path file, boolean readOnly) {
        Path abs = file.toAbsolutePath();
        Path folder = abs.getParent();
        boolean immutable = readOnly && folder != null && !Files.isWritable(folder)
                && !Files.exists(abs.resolveSibling(abs.getFileName() + "-shm"));
        return immutable ? "jdbc:sqlite:" + abs.toUri() + "?immutable=1" : "jdbc:sqlite:" + abs;
    }

    /** A read-only look before anything could write: damage, another application's file. */
    private static void inspectReadOnly(Path file, String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        try (Connection c = config.createConnection(url);
             Statement st = c.createStatement()) {
            // One read transaction, so one snapshot: read one statement at a time, the version could
            // be read (0) before another process's migration committed and the tables after it, and
            // our own new file would be refused as another application's.
            c.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check(1)")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    throw new StoreException(file + " is damaged (" + result + "); it was left untouched");
                }
            }
            int version = Migrations.userVersion(c);
            if (version == 0) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                if (!tables.isEmpty()) {
                    throw new StoreException(file + " is a SQLite database of another application (tables: "
                            + String.join(", ", tables) + "); it was left untouched");
                }
            }
        } catch (SQLException e) {
            throw new StoreException(file + " is damaged or not a database (" + e.getMessage()
                    + "); it was left untouched", e);
        }
    }

    private Connection open() {
        Connection c = connect();
        created.incrementAndGet();
        return c;
    }

    private Connection connect() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        if (readOnly) { // (the file's journal mode is whatever it was; setting one is a write)
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
            config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            // Writers take the write lock at BEGIN, so two writers queue instead of deadlocking.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        // Switching a new file to WAL takes a lock before the busy timeout applies, so processes
        // opening a new file at the same moment can see SQLITE_BUSY here: wait as the timeout would.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUSY_TIMEOUT_MS);
        while (true) {
            try {
                Connection c = config.createConnection(url);
                synchronized (all) {
                    all.add(c);
                }
                return c;
            } catch (SQLException e) {
                String m = String.valueOf(e.getMessage());
                boolean busy = m.contains("SQLITE_BUSY") || m.contains("database is locked");
                if (!busy || System.nanoTime() > deadline) {
                    throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while opening " + file, ie);
                }
            }
        }
    }

    /**
     * SQLite's {@code PRAGMA data_version} on a connection of its own: a number that changes
     * whenever another connection (of this process or another) has committed to the file. It
     * costs no I/O beyond a shared-memory read in WAL mode, so it can be polled often.
     */
    @Override
    public synchronized long dataVersion() {
        if (closed) {
            throw new StoreException("the database " + file + " is closed");
        }
        try {
            if (watcher == null) {
                watcher = connect();
                // prepared once: this runs ten times a second for the life of the process
                watcherQuery = watcher.prepareStatement("PRAGMA data_version");
            }
            try (ResultSet rs = watcherQuery.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public StoreAddress address() {
        return new StoreAddress.SqliteFile(file);
    }

    @Override
    public int versionFound() {
        return versionFound;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    /** Nothing to do: every connection sees other connections' commits through {@code data_version}. */
    @Override
    public void announce(Connection c) {
    }

    /** Nothing to do: a write transaction holds the file's write lock from {@code BEGIN IMMEDIATE}. */
    @Override
    public void lockRow(Connection c, String table, long id) {
    }

    /** Nothing to do: writers are serialized by the file's write lock. */
    @Override
    public void orderAppends(Connection c) {
    }

    /**
     * A deferred transaction, begun by hand: the driver's own (auto-commit off) would begin
     * IMMEDIATE, as this engine's writers do, and hold the write lock for the whole read.
     */
    @Override
    public void beginSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN DEFERRED");
        }
    }

    @Override
    public void endSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COMMIT");
        }
    }

    @Override
    public String nowMillisSql() {
        return "SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";
    }

    @Override
    public StoreException translate(SQLException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
            return new StoreException("the database is busy (another program holds a lock on " + file
                    + "); try again", e);
        }
        if (msg.contains("SQLITE_READONLY")) {
            return new StoreException(file + " cannot be written (read-only)", e);
        }
        if (msg.contains("SQLITE_FULL")) {
            return new StoreException("the disk holding " + file + " is full; nothing was written", e);
        }
        return new StoreException("database error: " + msg, e);
    }

    @Override
    public Connection borrow() {
        if (closed) {
            throw new StoreException("the database " + file + " is closed");
        }
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        if (created.get() < POOL_SIZE) {
            synchronized (this) {
                if (created.get() < POOL_SIZE) {
                    return open();
                }
            }
        }
        try {
            c = idle.poll(BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
        if (c == null) {
            throw new StoreException("the database is busy: no connection free after " + BUSY_TIMEOUT_MS + " ms");
        }
        return c;
    }

    @Override
    public void giveBack(Connection c) {
        if (closed || !idle.offer(c)) {
            closeQuietly(c);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            for (Connection c : all) {
                closeQuietly(c);
            }
            all.clear();
        }
        idle.clear();
        watcher = null;
        watcherQuery = null;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }
}
