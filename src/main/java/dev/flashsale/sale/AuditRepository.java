package dev.flashsale.sale;

import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The cache invalidation audit table. */
public final class AuditRepository {
    private final Database db;

    public AuditRepository(Database db) {
        this.db = db;
    }

    public void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = db.prepare(c,
                "INSERT INTO cache_audit (at, os_user, action, target, entries) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, e.at().toEpochMilli());
            ps.setString(2, e.osUser());
            ps.setString(3, e.action());
            ps.setString(4, e.target());
            ps.setInt(5, e.entries());
            ps.executeUpdate();
        }
    }

    /** The newest {@code limit} entries, oldest first. */
    public List<AuditEntry> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT at, os_user, action, target, entries FROM"
                + " (SELECT * FROM cache_audit ORDER BY id DESC LIMIT ?) AS newest ORDER BY id")) {
            ps.setInt(1, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5)));
                }
            }
            return out;
        }
    }
}
