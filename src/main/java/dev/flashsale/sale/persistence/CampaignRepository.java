package dev.flashsale.sale.persistence;

import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Campaigns in the store; instants as epoch milliseconds (UTC), the rule as {@link CampaignRule#stored()}. */
public final class CampaignRepository {
    private static final String COLUMNS = "id, name, starts_at, ends_at, zone, rule, cancelled_at, created_at,"
            + " updated_at, version";
    private final Database db;

    public CampaignRepository(Database db) {
        this.db = db;
    }

    /** Every campaign with its number of sales, newest window first. */
    public List<Campaign.Listed> findAllCounted(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT c.id, c.name, c.starts_at, c.ends_at, c.zone, c.rule,"
                + " c.cancelled_at, c.created_at, c.updated_at, c.version,"
                + " (SELECT COUNT(*) FROM flash_sale s WHERE s.campaign_id = c.id)"
                + " FROM campaign c ORDER BY c.starts_at DESC, c.id DESC")) {
            List<Campaign.Listed> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Campaign.Listed(read(rs), rs.getLong(11)));
                }
            }
            return out;
        }
    }

    public Optional<Campaign> findByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM campaign WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public long insert(Connection c, Campaign k) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "INSERT INTO campaign (name, starts_at, ends_at, zone, rule,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, k.name());
            ps.setLong(2, k.startsAt().toEpochMilli());
            ps.setLong(3, k.endsAt().toEpochMilli());
            ps.setString(4, k.zone().getId());
            ps.setString(5, k.rule().stored());
            ps.setLong(6, k.createdAt().toEpochMilli());
            ps.setLong(7, k.updatedAt().toEpochMilli());
            return VersionedRows.insertedId(ps);
        }
    }

    /** Writes {@code k}'s window, rule and cancellation if the row is still at {@code k.version()}. */
    public boolean update(Connection c, Campaign k) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "UPDATE campaign SET starts_at = ?, ends_at = ?, zone = ?, rule = ?,"
                + " cancelled_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")) {
            ps.setLong(1, k.startsAt().toEpochMilli());
            ps.setLong(2, k.endsAt().toEpochMilli());
            ps.setString(3, k.zone().getId());
            ps.setString(4, k.rule().stored());
            if (k.cancelledAt() == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, k.cancelledAt().toEpochMilli());
            }
            ps.setLong(6, k.updatedAt().toEpochMilli());
            ps.setLong(7, k.id());
            ps.setLong(8, k.version());
            return ps.executeUpdate() == 1;
        }
    }

    private static Campaign read(ResultSet rs) throws SQLException {
        long cancelled = rs.getLong(7);
        Instant cancelledAt = rs.wasNull() ? null : Instant.ofEpochMilli(cancelled);
        return new Campaign(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)), ZoneId.of(rs.getString(5)), CampaignRule.parse(rs.getString(6)),
                cancelledAt, Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), rs.getLong(10));
    }
}
