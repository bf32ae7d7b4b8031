package dev.flashsale.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations on {@code PRAGMA user_version}: each pending step runs in its own
 * transaction together with the version bump, so a failed step leaves the file as it was.
 */
final class Migrations {

    static final List<Migration> ALL = List.of(
            new Migration(1, "products and flash sales", List.of(
                    """
                    CREATE TABLE product (
                      id            INTEGER PRIMARY KEY,
                      sku           TEXT    NOT NULL UNIQUE,
                      name          TEXT    NOT NULL,
                      regular_price TEXT    NOT NULL,
                      stock         INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
                      created_at    INTEGER NOT NULL,
                      updated_at    INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE flash_sale (
                      id          INTEGER PRIMARY KEY,
                      product_id  INTEGER NOT NULL REFERENCES product (id) ON DELETE RESTRICT,
                      flash_price TEXT    NOT NULL,
                      starts_at   INTEGER NOT NULL,
                      ends_at     INTEGER NOT NULL,
                      created_at  INTEGER NOT NULL,
                      updated_at  INTEGER NOT NULL,
                      CHECK (ends_at > starts_at)
                    )""",
                    "CREATE INDEX flash_sale_by_product ON flash_sale (product_id, starts_at)",
                    "CREATE INDEX flash_sale_by_end ON flash_sale (ends_at, starts_at)")),
            new Migration(2, "cache invalidation audit", List.of(
                    """
                    CREATE TABLE cache_audit (
                      id       INTEGER PRIMARY KEY,
                      at       INTEGER NOT NULL,
                      os_user  TEXT    NOT NULL,
                      action   TEXT    NOT NULL,
                      target   TEXT,
                      entries  INTEGER NOT NULL
                    )""")),
            // Optimistic concurrency: a save names the version it read; existing rows start at 1.
            new Migration(3, "row versions", List.of(
                    "ALTER TABLE product ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE flash_sale ADD COLUMN version INTEGER NOT NULL DEFAULT 1")),
            // Keys invalidated by each write, in the write's transaction, so other processes on
            // the same file drop exactly those keys when they see the commit (PRAGMA data_version).
            new Migration(4, "cache invalidation log", List.of(
                    """
                    CREATE TABLE cache_invalidation (
                      seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                      at      INTEGER NOT NULL,
                      origin  TEXT    NOT NULL,
                      kind    TEXT    NOT NULL CHECK (kind IN ('key', 'namespace', 'all')),
                      target  TEXT
                    )""")));

    static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    private Migrations() {
    }

    /**
     * Brings the schema up to date; returns the version found before (0 for a new file: this
     * process created the schema, and only this one should seed it).
     *
     * <p>Several processes may open a new file at once. Each step takes the write lock first
     * (the connection's transactions are {@code BEGIN IMMEDIATE}) and reads the version again
     * under it, so one process migrates and the others, waiting on the lock, find the work done.
     */
    static int migrate(Connection c) throws SQLException {
        int found = userVersion(c);
        checkNotNewer(found);
        if (found == latestVersion()) {
            return found;
        }
        int before = -1;
        for (Migration m : ALL) {
            if (m.version() <= found) {
                continue;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                int now = userVersion(c); // under the write lock
                checkNotNewer(now);
                if (before < 0) {
                    before = now;
                }
                if (m.version() <= now) {
                    c.commit();
                    continue;
                }
                for (String sql : m.statements()) {
                    st.executeUpdate(sql);
                }
                st.executeUpdate("PRAGMA user_version = " + m.version());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new StoreException("could not upgrade the database to schema version " + m.version()
                        + " (" + m.description() + "): " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return before < 0 ? found : before;
    }

    private static void checkNotNewer(int found) {
        if (found > latestVersion()) {
            throw new StoreException("this database was written by a newer Flash Sale Console (schema version "
                    + found + "; this version knows up to " + latestVersion() + "); it was left untouched");
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
