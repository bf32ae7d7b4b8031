package dev.flashsale.store;

import java.sql.Connection;
import java.sql.SQLException;

/** What differs between the stores behind {@link Database}: connections, change signals, errors. */
interface Engine extends AutoCloseable {

    StoreAddress address();

    /** The schema version found before this open migrated it (0: a new database). */
    int versionFound();

    /** This process may only read the store (a SQLite file its user may not write). */
    default boolean readOnly() {
        return false;
    }

    Connection borrow();

    void giveBack(Connection c);

    /** A number that changes when another connection may have committed a logged change. */
    long dataVersion();

    /**
     * Blocks up to {@code millis} for a change announced by another connection; returns at once
     * when the store cannot announce changes ({@link #announcesChanges()} false).
     */
    default void awaitChange(long millis) {
    }

    /** True when {@link #awaitChange} can wake on a commit elsewhere (not merely wait). */
    default boolean announcesChanges() {
        return false;
    }

    /** Lets a transaction's readers know it committed (for stores that do not see it themselves). */
    void announce(Connection c) throws SQLException;

    /** Holds {@code table}'s row {@code id} until the transaction ends (the store's own lock may suffice). */
    void lockRow(Connection c, String table, long id) throws SQLException;

    /** Makes appends to a log read by sequence number commit in sequence order. */
    void orderAppends(Connection c) throws SQLException;

    /**
     * Bounds how long a statement on {@code c} may wait for the server ({@code millis}), or puts
     * back the store's own bound ({@code millis} 0). A local file has nothing to bound.
     */
    default void boundWait(Connection c, long millis) throws SQLException {
    }

    /** Starts a read-only transaction on {@code c} whose reads all see one snapshot, taking no write lock. */
    void beginSnapshot(Connection c) throws SQLException;

    /** Ends what {@link #beginSnapshot} started and leaves {@code c} as it was lent. */
    void endSnapshot(Connection c) throws SQLException;

    /** The store's own clock: its idea of now, in epoch milliseconds (one clock for every process on it). */
    String nowMillisSql();

    StoreException translate(SQLException e);

    /** A statement failed: react if the store needs to (drop connections a broken network left dead), then translate. */
    default StoreException failed(SQLException e) {
        return translate(e);
    }

    @Override
    void close();
}
