package dev.flashsale.sale.persistence;

import dev.flashsale.sale.ActiveSale;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ProductSales;
import dev.flashsale.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Flash sales in the store (SQLite or PostgreSQL); instants are stored as epoch milliseconds (UTC). */
public final class SaleRepository {
    private static final String COLUMNS = "id, product_id, flash_price, starts_at, ends_at, created_at, updated_at, version,"
            + " campaign_id";
    private final Database db;

    public SaleRepository(Database db) {
        this.db = db;
    }

    public List<FlashSale> findAll(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM flash_sale ORDER BY starts_at, id")) {
            return list(ps);
        }
    }

    public Optional<FlashSale> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM flash_sale WHERE id = ?")) {
            ps.setLong(1, id);
            return list(ps).stream().findFirst();
        }
    }

    public List<FlashSale> findByProduct(Connection c, long productId) throws SQLException {
        try (PreparedStatement ps = db.prepare(c,
                "SELECT " + COLUMNS + " FROM flash_sale WHERE product_id = ? ORDER BY starts_at, id")) {
            ps.setLong(1, productId);
            return list(ps);
        }
    }

    /** Sales of {@code productId} sharing an instant with [start, end), other than {@code exceptId}. */
    public List<FlashSale> overlapping(Connection c, long productId, Instant start, Instant end, long exceptId)
            throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM flash_sale"
                + " WHERE product_id = ? AND id <> ? AND starts_at < ? AND ends_at > ? ORDER BY starts_at")) {
            ps.setLong(1, productId);
            ps.setLong(2, exceptId);
            ps.setLong(3, end.toEpochMilli());
            ps.setLong(4, start.toEpochMilli());
            return list(ps);
        }
    }

    public long countByProduct(Connection c, long productId) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM flash_sale WHERE product_id = ?")) {
            ps.setLong(1, productId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM flash_sale"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** A product and all its sales, in one query; empty if the product does not exist. */
    public Optional<ProductSales> productWithSales(Connection c, long productId) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT p.id, p.sku, p.name, p.regular_price, p.stock, s.id,"
                + " s.flash_price, s.starts_at, s.ends_at, s.created_at, s.updated_at, p.version, s.version, s.campaign_id"
                + " FROM product p LEFT JOIN flash_sale s ON s.product_id = p.id WHERE p.id = ? ORDER BY s.starts_at")) {
            ps.setLong(1, productId);
            Product product = null;
            List<FlashSale> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (product == null) {
                        product = new Product(rs.getLong(1), rs.getString(2), rs.getString(3),
                                new BigDecimal(rs.getString(4)), rs.getInt(5), rs.getLong(12));
                    }
                    long saleId = rs.getLong(6);
                    if (!rs.wasNull()) {
                        found.add(new FlashSale(saleId, productId, new BigDecimal(rs.getString(7)),
                                Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)),
                                Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)),
                                rs.getLong(13), rs.getLong(14)));
                    }
                }
            }
            return product == null ? Optional.empty() : Optional.of(new ProductSales(product, found));
        }
    }

    /** Sales active at {@code now}, with their product, in one query. */
    public List<ActiveSale> activeAt(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT s.id, s.product_id, p.name, p.regular_price, s.flash_price,"
                + " s.starts_at, s.ends_at FROM flash_sale s JOIN product p ON p.id = s.product_id"
                + " WHERE s.starts_at <= ? AND s.ends_at > ? ORDER BY s.ends_at, s.id")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            List<ActiveSale> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ActiveSale(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            new BigDecimal(rs.getString(4)), new BigDecimal(rs.getString(5)),
                            Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return out;
        }
    }

    /** The first sale start or end after {@code now}, of any product (productId 0) or of one. */
    public Optional<Instant> nextBoundaryAfter(Connection c, long productId, Instant now) throws SQLException {
        String where = productId == 0 ? "" : " AND product_id = " + "?";
        try (PreparedStatement ps = db.prepare(c, "SELECT MIN(t) FROM ("
                + "SELECT MIN(starts_at) AS t FROM flash_sale WHERE starts_at > ?" + where
                + " UNION ALL SELECT MIN(ends_at) FROM flash_sale WHERE ends_at > ?" + where + ") AS boundary")) {
            int i = 1;
            ps.setLong(i++, now.toEpochMilli());
            if (productId != 0) {
                ps.setLong(i++, productId);
            }
            ps.setLong(i++, now.toEpochMilli());
            if (productId != 0) {
                ps.setLong(i, productId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long t = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
                }
                return Optional.empty();
            }
        }
    }

    public long insert(Connection c, FlashSale s) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "INSERT INTO flash_sale (product_id, flash_price, starts_at, ends_at,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            bind(ps, s);
            ps.setLong(5, s.createdAt().toEpochMilli());
            ps.setLong(6, s.updatedAt().toEpochMilli());
            return VersionedRows.insertedId(ps);
        }
    }

    /** Inserts {@code s} as one of campaign {@code campaignId}'s sales. */
    public long insertInCampaign(Connection c, FlashSale s, long campaignId) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "INSERT INTO flash_sale (product_id, flash_price, starts_at, ends_at,"
                + " created_at, updated_at, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            bind(ps, s);
            ps.setLong(5, s.createdAt().toEpochMilli());
            ps.setLong(6, s.updatedAt().toEpochMilli());
            ps.setLong(7, campaignId);
            return VersionedRows.insertedId(ps);
        }
    }

    /** Campaign {@code campaignId}'s sales, by product id. */
    public List<FlashSale> findByCampaign(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = db.prepare(c,
                "SELECT " + COLUMNS + " FROM flash_sale WHERE campaign_id = ? ORDER BY product_id, id")) {
            ps.setLong(1, campaignId);
            return list(ps);
        }
    }

    /** Writes {@code s} if the row is still at {@code s.version()}; false (nothing written) otherwise. */
    public boolean update(Connection c, FlashSale s) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "UPDATE flash_sale SET product_id = ?, flash_price = ?,"
                + " starts_at = ?, ends_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")) {
            bind(ps, s);
            ps.setLong(5, s.updatedAt().toEpochMilli());
            ps.setLong(6, s.id());
            ps.setLong(7, s.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the row if it is still at {@code version}; false (nothing deleted) otherwise. */
    public boolean delete(Connection c, long id, long version) throws SQLException {
        return VersionedRows.delete(db, c, "flash_sale", id, version);
    }

    private static void bind(PreparedStatement ps, FlashSale s) throws SQLException {
        ps.setLong(1, s.productId());
        ps.setString(2, Money.format(s.flashPrice()));
        ps.setLong(3, s.startsAt().toEpochMilli());
        ps.setLong(4, s.endsAt().toEpochMilli());
    }

    private static List<FlashSale> list(PreparedStatement ps) throws SQLException {
        List<FlashSale> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new FlashSale(rs.getLong(1), rs.getLong(2), new BigDecimal(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)),
                        Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)), rs.getLong(8),
                        rs.getLong(9))); // NULL reads as 0: no campaign
            }
        }
        return out;
    }
}
