package dev.flashsale.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations, one runner for both stores. The version lives in the database
 * itself: {@code PRAGMA user_version} on SQLite, the one-row table {@code flashsale_schema} on
 * PostgreSQL. Each pending step runs in its own transaction together with the version bump, so
 * a failed step leaves the database as it was.
 *
 * <p>Several processes may open a new database at once. Each step takes a lock first (SQLite's
 * write lock through {@code BEGIN IMMEDIATE}; a session advisory lock on PostgreSQL)
 * and reads the version again under it, so one process migrates and the others, waiting on the
 * lock, find the work done.
 */
final class Migrations {

    /** The advisory lock key every Flash Sale Console process takes to migrate ("flashsal" in ASCII). */
    static final long PG_MIGRATION_LOCK = 0x666c61736873616cL;

    /** The roles of migration 8 and what each may do on this schema's tables (re-runnable). */
    static final String ROLES = """
            DO $roles$
            DECLARE
              schema_name text := quote_ident(current_schema());
            BEGIN
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'flashsale_viewer') THEN
                  CREATE ROLE flashsale_viewer NOLOGIN;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'flashsale_operator') THEN
                  CREATE ROLE flashsale_operator NOLOGIN;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'flashsale_admin') THEN
                  CREATE ROLE flashsale_admin NOLOGIN;
                END IF;
                GRANT flashsale_viewer TO flashsale_operator;
                GRANT flashsale_operator TO flashsale_admin;
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'flashsale_admin') THEN
                RAISE NOTICE 'the roles flashsale_admin, flashsale_operator and flashsale_viewer do not exist and %'
                  ' may not create them: ask a DBA to create them (NOLOGIN) and start again', current_user;
                RETURN;
              END IF;
              EXECUTE 'GRANT USAGE ON SCHEMA ' || schema_name || ' TO flashsale_viewer';
              -- viewers read everything
              EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA ' || schema_name || ' TO flashsale_viewer';
              -- operators act on the cache, and write what that writes: the audit and the invalidation log
              -- (each trimmed by whoever appends to it: past the retention, past the log's bound)
              EXECUTE 'GRANT INSERT, DELETE ON cache_audit TO flashsale_operator';
              EXECUTE 'GRANT INSERT, DELETE ON cache_invalidation TO flashsale_operator';
              EXECUTE 'GRANT USAGE ON ALL SEQUENCES IN SCHEMA ' || schema_name || ' TO flashsale_operator';
              -- admins change the catalog, the sales, the campaigns, the settings, and trim the audit
              EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ' || schema_name
                || ' TO flashsale_admin';
              EXECUTE 'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ' || schema_name || ' TO flashsale_admin';
            END
            $roles$""";

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
                    "CREATE INDEX flash_sale_by_end ON flash_sale (ends_at, starts_at)"),
                    // SQLite's INTEGER is 64 bits; PostgreSQL's is 32: times (epoch ms) and ids are BIGINT.
                    List.of(
                    """
                    CREATE TABLE product (
                      id            BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                      sku           TEXT    NOT NULL UNIQUE,
                      name          TEXT    NOT NULL,
                      regular_price TEXT    NOT NULL,
                      stock         INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
                      created_at    BIGINT  NOT NULL,
                      updated_at    BIGINT  NOT NULL
                    )""",
                    """
                    CREATE TABLE flash_sale (
                      id          BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                      product_id  BIGINT  NOT NULL REFERENCES product (id) ON DELETE RESTRICT,
                      flash_price TEXT    NOT NULL,
                      starts_at   BIGINT  NOT NULL,
                      ends_at     BIGINT  NOT NULL,
                      created_at  BIGINT  NOT NULL,
                      updated_at  BIGINT  NOT NULL,
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
                    )"""), List.of(
                    """
                    CREATE TABLE cache_audit (
                      id       BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                      at       BIGINT  NOT NULL,
                      os_user  TEXT    NOT NULL,
                      action   TEXT    NOT NULL,
                      target   TEXT,
                      entries  BIGINT  NOT NULL
                    )""")),
            // Optimistic concurrency: a save names the version it read; existing rows start at 1.
            Migration.same(3, "row versions", List.of(
                    "ALTER TABLE product ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE flash_sale ADD COLUMN version INTEGER NOT NULL DEFAULT 1")),
            // Keys invalidated by each write, in the write's transaction, so other processes on
            // the same database drop exactly those keys when they see the commit.
            new Migration(4, "cache invalidation log", List.of(
                    """
                    CREATE TABLE cache_invalidation (
                      seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                      at      INTEGER NOT NULL,
                      origin  TEXT    NOT NULL,
                      kind    TEXT    NOT NULL CHECK (kind IN ('key', 'namespace', 'all')),
                      target  TEXT
                    )"""), List.of(
                    """
                    CREATE TABLE cache_invalidation (
                      seq     BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                      at      BIGINT  NOT NULL,
                      origin  TEXT    NOT NULL,
                      kind    TEXT    NOT NULL CHECK (kind IN ('key', 'namespace', 'all')),
                      target  TEXT
                    )""")),
            // Settings an operator changes for the whole store (every process on it reads them),
            // and the audit's retention among them: the audit is trimmed by age, so by time.
            Migration.same(5, "settings and audit retention", List.of(
                    "CREATE TABLE flashsale_setting (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "CREATE INDEX cache_audit_by_time ON cache_audit (at)")),
            // A campaign is a sales event: one window and one price rule over many products. Its
            // sales are ordinary flash sales that name it; the rule and the zone the window was
            // typed in are kept so it can be shown and edited as it was made.
            new Migration(6, "campaigns", List.of(
                    """
                    CREATE TABLE campaign (
                      id            INTEGER PRIMARY KEY,
                      name          TEXT    NOT NULL UNIQUE,
                      starts_at     INTEGER NOT NULL,
                      ends_at       INTEGER NOT NULL,
                      zone          TEXT    NOT NULL,
                      rule          TEXT    NOT NULL,
                      cancelled_at  INTEGER,
                      created_at    INTEGER NOT NULL,
                      updated_at    INTEGER NOT NULL,
                      version       INTEGER NOT NULL DEFAULT 1,
                      CHECK (ends_at > starts_at)
                    )""",
                    "ALTER TABLE flash_sale ADD COLUMN campaign_id INTEGER REFERENCES campaign (id)",
                    "CREATE INDEX flash_sale_by_campaign ON flash_sale (campaign_id)"), List.of(
                    """
                    CREATE TABLE campaign (
                      id            BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                      name          TEXT    NOT NULL UNIQUE,
                      starts_at     BIGINT  NOT NULL,
                      ends_at       BIGINT  NOT NULL,
                      zone          TEXT    NOT NULL,
                      rule          TEXT    NOT NULL,
                      cancelled_at  BIGINT,
                      created_at    BIGINT  NOT NULL,
                      updated_at    BIGINT  NOT NULL,
                      version       INTEGER NOT NULL DEFAULT 1,
                      CHECK (ends_at > starts_at)
                    )""",
                    "ALTER TABLE flash_sale ADD COLUMN campaign_id BIGINT REFERENCES campaign (id)",
                    "CREATE INDEX flash_sale_by_campaign ON flash_sale (campaign_id)")),
            // A write that makes many keys stale (a campaign of 2,000 products, an import) logs them
            // in one row of kind 'keys' (newline-separated) instead of one row per key: a few such
            // writes no longer push the followers past the trimmed end of the log. SQLite cannot
            // change a CHECK in place, so its table is copied (seq values kept, so no reader misses
            // or repeats a row).
            new Migration(7, "invalidation rows with many keys", List.of(
                    """
                    CREATE TABLE cache_invalidation_7 (
                      seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                      at      INTEGER NOT NULL,
                      origin  TEXT    NOT NULL,
                      kind    TEXT    NOT NULL CHECK (kind IN ('key', 'keys', 'namespace', 'all')),
                      target  TEXT
                    )""",
                    "INSERT INTO cache_invalidation_7 (seq, at, origin, kind, target)"
                            + " SELECT seq, at, origin, kind, target FROM cache_invalidation",
                    "DROP TABLE cache_invalidation",
                    "ALTER TABLE cache_invalidation_7 RENAME TO cache_invalidation"), List.of(
                    "ALTER TABLE cache_invalidation DROP CONSTRAINT cache_invalidation_kind_check",
                    "ALTER TABLE cache_invalidation ADD CONSTRAINT cache_invalidation_kind_check"
                            + " CHECK (kind IN ('key', 'keys', 'namespace', 'all'))")),
            // Who may do what, said by PostgreSQL itself: three group roles a DBA grants to logins
            // (GRANT flashsale_operator TO alice). Each includes the one below it. Roles belong to
            // the whole server: made once (by a schema owner allowed to make roles; others leave a
            // notice for their DBA), granted in every database of ours. SQLite has one owner: nothing.
            new Migration(8, "roles: admin, operator, viewer", List.of(), List.of(ROLES)),
            // The audit names the person: the database login as well as the OS user, and the host.
            Migration.same(9, "audit: database user and host", List.of(
                    "ALTER TABLE cache_audit ADD COLUMN db_user TEXT",
                    "ALTER TABLE cache_audit ADD COLUMN host TEXT")));


    static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    private Migrations() {
    }

    /**
     * Brings the schema up to date; returns the version found before (0 for a new database:
     * this process created the schema, and only this one should seed it).
     */
    static int migrate(Connection c, Dialect dialect, String where) throws SQLException {
        int found = version(c, dialect);
        checkNotNewer(found, where);
        if (found == latestVersion()) {
            return found;
        }
        if (dialect == Dialect.POSTGRESQL) {
            // A session lock taken before the steps' transactions begin: each of them then starts
            // after the previous holder committed, and sees its tables (a lock taken inside a
            // transaction could leave that transaction looking at the catalog from before).
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + PG_MIGRATION_LOCK + ")");
            }
            try {
                return migrateSteps(c, dialect, where, found);
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + PG_MIGRATION_LOCK + ")");
                }
            }
        }
        return migrateSteps(c, dialect, where, found);
    }

    private static int migrateSteps(Connection c, Dialect dialect, String where, int found) throws SQLException {
        int before = -1;
        for (Migration m : ALL) {
            if (m.version() <= found) {
                continue;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                int now = version(c, dialect); // under the lock
                checkNotNewer(now, where);
                if (now == 0 && dialect == Dialect.POSTGRESQL) {
                    refuseAnotherApplication(c, where);
                }
                if (before < 0) {
                    before = now;
                }
                if (m.version() <= now) {
                    c.commit();
                    continue;
                }
                for (String sql : m.statements(dialect)) {
                    st.executeUpdate(sql);
                }
                setVersion(st, dialect, now, m.version());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof StoreException se) {
                    throw se;
                }
                if (e instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                    throw new StoreException(where + ": the database user may not create the tables this version"
                            + " needs (" + firstLine(sql) + "); nothing was changed. Grant it CREATE on the schema,"
                            + " or let the database's owner run the first start", sql);
                }
                throw new StoreException("could not upgrade the database to schema version " + m.version()
                        + " (" + m.description() + "): " + firstLine(e), e);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return before < 0 ? found : before;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void checkNotNewer(int found, String where) {
        if (found > latestVersion()) {
            throw new StoreException(where + " was written by a newer Flash Sale Console (schema version "
                    + found + "; this version knows up to " + latestVersion() + "); it was left untouched");
        }
    }

    /** A PostgreSQL database with tables but no schema version of ours belongs to someone else. */
    private static void refuseAnotherApplication(Connection c, String where) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() ORDER BY table_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.isEmpty()) {
            throw new StoreException(where + " is a database of another application (tables: "
                    + String.join(", ", tables.subList(0, Math.min(10, tables.size())))
                    + (tables.size() > 10 ? ", ..." : "") + "); it was left untouched");
        }
    }

    static int version(Connection c, Dialect dialect) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            return userVersion(c);
        }
        try (Statement st = c.createStatement()) {
            // pg_class read with the statement's snapshot (to_regclass may answer from a stale catalog cache)
            try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN"
                    + " pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'flashsale_schema'"
                    + " AND n.nspname = current_schema())")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT version FROM flashsale_schema")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void setVersion(Statement st, Dialect dialect, int before, int version) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            st.executeUpdate("PRAGMA user_version = " + version);
        } else if (before == 0) {
            // One row, always: the key can only be TRUE.
            st.executeUpdate("CREATE TABLE flashsale_schema (one_row BOOLEAN PRIMARY KEY DEFAULT TRUE"
                    + " CHECK (one_row), version INTEGER NOT NULL)");
            st.executeUpdate("INSERT INTO flashsale_schema (version) VALUES (" + version + ")");
        } else {
            st.executeUpdate("UPDATE flashsale_schema SET version = " + version);
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
