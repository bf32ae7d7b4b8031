package dev.flashsale.sale.persistence;

import dev.flashsale.sale.Invalidation;
import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code cache_invalidation} table: what each write invalidated, appended in the write's own
 * transaction, read by the other processes on the same database. It keeps the newest
 * {@link #KEEP} rows; a reader that fell further behind sees a hole and drops its whole cache.
 */
public final class InvalidationLog {

    /** Rows kept; older ones are trimmed by the writer that goes past this. */
    public static final int KEEP = 10_000;

    /** One logged invalidation target. */
    public record Entry(long seq, Instant at, String origin, Invalidation.Kind kind, String target) {
        public Invalidation invalidation() {
            return kind == Invalidation.Kind.ALL ? Invalidation.all() : new Invalidation(kind, List.of(target));
        }
    }

    private final Database db;

    public InvalidationLog(Database db) {
        this.db = db;
    }

    /** Appends one row per target (one row for "everything"), then trims what is past {@link #KEEP}. */
    public void append(Connection c, Instant at, String origin, Invalidation inv) throws SQLException {
        db.orderAppends(c);
        try (PreparedStatement ps = db.prepare(c,
                "INSERT INTO cache_invalidation (at, origin, kind, target) VALUES (?, ?, ?, ?)")) {
            List<String> targets = inv.kind() == Invalidation.Kind.ALL ? Collections.singletonList(null)
                    : inv.targets();
            for (String t : targets) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, origin);
                ps.setString(3, inv.kind().stored());
                ps.setString(4, t);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = db.prepare(c, "DELETE FROM cache_invalidation"
                + " WHERE seq <= (SELECT MAX(seq) FROM cache_invalidation) - ?")) {
            ps.setInt(1, KEEP);
            ps.executeUpdate();
        }
        db.announceChange(c);
    }

    /** The newest sequence number written (0 for an empty log). */
    public long newest(Connection c) throws SQLException {
        // the trim never removes the newest row, so the maximum is the last seq written
        try (PreparedStatement ps = db.prepare(c,
                "SELECT COALESCE(MAX(seq), 0) FROM cache_invalidation"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The oldest sequence number still kept, or empty when the log holds no rows. */
    public OptionalLong oldest(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT MIN(seq) FROM cache_invalidation");
             ResultSet rs = ps.executeQuery()) {
            long v = rs.next() ? rs.getLong(1) : 0;
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
        }
    }

    /** Up to {@code limit} rows after {@code seq}, in order. */
    public List<Entry> after(Connection c, long seq, int limit) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT seq, at, origin, kind, target FROM cache_invalidation"
                + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, seq);
            ps.setInt(2, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            Invalidation.Kind.fromStored(rs.getString(4)), rs.getString(5)));
                }
            }
            return out;
        }
    }
}
