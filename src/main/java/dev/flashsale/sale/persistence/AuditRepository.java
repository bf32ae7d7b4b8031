package dev.flashsale.sale.persistence;

import dev.flashsale.sale.AuditEntry;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The cache invalidation audit table. It keeps {@link #retentionDays} of history (an operator sets
 * it for the store, default {@value #DEFAULT_RETENTION_DAYS} days): each insert removes what is older.
 */
public final class AuditRepository {
    public static final int DEFAULT_RETENTION_DAYS = 90;
    public static final int MAX_RETENTION_DAYS = 3_650;
    private static final String RETENTION = "audit_retention_days";
    private final Database db;

    public AuditRepository(Database db) {
        this.db = db;
    }

    public void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = db.prepare(c,
                "INSERT INTO cache_audit (at, os_user, action, target, entries, db_user, host)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, e.at().toEpochMilli());
            ps.setString(2, e.osUser());
            ps.setString(3, e.action());
            ps.setString(4, e.target());
            ps.setInt(5, e.entries());
            ps.setString(6, e.dbUser());
            ps.setString(7, e.host());
            ps.executeUpdate();
        }
        trim(c, e.at());
    }

    /** Removes the rows older than the retention before {@code now}; returns how many. */
    public int trim(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "DELETE FROM cache_audit WHERE at < ?")) {
            ps.setLong(1, now.minus(Duration.ofDays(retentionDays(c))).toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /** How many days of audit the store keeps. */
    public int retentionDays(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT value FROM flashsale_setting WHERE name = ?")) {
            ps.setString(1, RETENTION);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    try {
                        return Integer.parseInt(rs.getString(1));
                    } catch (NumberFormatException e) {
                        return DEFAULT_RETENTION_DAYS; // written by hand into the table: not ours to trust
                    }
                }
                return DEFAULT_RETENTION_DAYS;
            }
        }
    }

    /** Sets how many days of audit the store keeps (1 to {@value #MAX_RETENTION_DAYS}); older rows go at the next insert. */
    public void setRetentionDays(Connection c, int days) throws SQLException {
        if (days < 1 || days > MAX_RETENTION_DAYS) {
            throw new ValidationException("days", "the audit's retention must be 1 to " + MAX_RETENTION_DAYS
                    + " days, got " + days);
        }
        try (PreparedStatement del = db.prepare(c, "DELETE FROM flashsale_setting WHERE name = ?");
             PreparedStatement ins = db.prepare(c, "INSERT INTO flashsale_setting (name, value) VALUES (?, ?)")) {
            del.setString(1, RETENTION);
            del.executeUpdate();
            ins.setString(1, RETENTION);
            ins.setString(2, Integer.toString(days));
            ins.executeUpdate();
        }
    }

    /** Every entry from {@code from} (inclusive) to {@code to} (exclusive), oldest first, one at a time. */
    public void between(Connection c, Instant from, Instant to, Consumer<AuditEntry> each) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT at, os_user, action, target, entries, db_user, host"
                + " FROM cache_audit WHERE at >= ? AND at < ? ORDER BY at, id")) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            ps.setFetchSize(1_000); // PostgreSQL streams within the snapshot's transaction instead of loading it all
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(entry(rs));
                }
            }
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7));
    }

    /** The newest {@code limit} entries, oldest first. */
    public List<AuditEntry> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT at, os_user, action, target, entries, db_user, host FROM"
                + " (SELECT * FROM cache_audit ORDER BY id DESC LIMIT ?) AS newest ORDER BY id")) {
            ps.setInt(1, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        }
    }
}
