package dev.flashsale.sale.persistence;

import dev.flashsale.sale.Invalidation;
import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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

    /** Keys one row of kind {@code keys} carries at most; a write that names more takes several rows. */
    static final int KEYS_PER_ROW = 5_000;

    private static final String MANY_KEYS = "keys";

    /** One logged row: what it invalidates (several keys when the write named several). */
    public record Entry(long seq, Instant at, String origin, Invalidation invalidation) {
    }

    private final Database db;

    public InvalidationLog(Database db) {
        this.db = db;
    }

    /**
     * Appends what {@code inv} names, then trims what is past {@link #KEEP}. Keys go up to
     * {@link #KEYS_PER_ROW} to a row (one row for a campaign of 2,000 products, not 4,001), a
     * namespace to a row each, everything as one row.
     */
    public void append(Connection c, Instant at, String origin, Invalidation inv) throws SQLException {
        db.orderAppends(c);
        try (PreparedStatement ps = db.prepare(c,
                "INSERT INTO cache_invalidation (at, origin, kind, target) VALUES (?, ?, ?, ?)")) {
            for (String[] row : rows(inv)) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, origin);
                ps.setString(3, row[0]);
                ps.setString(4, row[1]);
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

    /** The (kind, target) rows for {@code inv}. */
    static List<String[]> rows(Invalidation inv) {
        List<String[]> rows = new ArrayList<>();
        switch (inv.kind()) {
            case ALL -> rows.add(new String[] {inv.kind().stored(), null});
            case NAMESPACE -> inv.targets().forEach(t -> rows.add(new String[] {inv.kind().stored(), t}));
            case KEY -> {
                List<String> joinable = new ArrayList<>();
                for (String k : inv.targets()) {
                    if (k.indexOf('\n') >= 0) {
                        rows.add(new String[] {inv.kind().stored(), k}); // cannot share a newline-separated row
                    } else {
                        joinable.add(k);
                    }
                }
                for (int i = 0; i < joinable.size(); i += KEYS_PER_ROW) {
                    List<String> part = joinable.subList(i, Math.min(joinable.size(), i + KEYS_PER_ROW));
                    rows.add(part.size() == 1 ? new String[] {inv.kind().stored(), part.get(0)}
                            : new String[] {MANY_KEYS, String.join("\n", part)});
                }
            }
        }
        return rows;
    }

    static Invalidation read(String kind, String target) {
        if (MANY_KEYS.equals(kind)) {
            return new Invalidation(Invalidation.Kind.KEY, List.of(target.split("\n", -1)));
        }
        Invalidation.Kind k = Invalidation.Kind.fromStored(kind);
        return k == Invalidation.Kind.ALL ? Invalidation.all() : new Invalidation(k, List.of(target));
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
                            read(rs.getString(4), rs.getString(5))));
                }
            }
            return out;
        }
    }
}
