package dev.flashsale.sale.persistence;

import dev.flashsale.sale.Money;
import dev.flashsale.sale.Product;
import dev.flashsale.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Products in the store (SQLite or PostgreSQL). Every method runs on a connection the caller got from {@link Database}. */
public final class ProductRepository {
    private static final String COLUMNS = "id, sku, name, regular_price, stock, version";
    private final Database db;

    public ProductRepository(Database db) {
        this.db = db;
    }

    public List<Product> findAll(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM product ORDER BY name, id")) {
            return list(ps);
        }
    }

    /** Every product's id, ascending. */
    public long[] ids(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT id FROM product ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            long[] ids = new long[64];
            int n = 0;
            while (rs.next()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = rs.getLong(1);
            }
            return Arrays.copyOf(ids, n);
        }
    }

    public Optional<Product> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM product WHERE id = ?")) {
            ps.setLong(1, id);
            return list(ps).stream().findFirst();
        }
    }

    public Optional<Product> findBySku(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT " + COLUMNS + " FROM product WHERE sku = ?")) {
            ps.setString(1, sku);
            return list(ps).stream().findFirst();
        }
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM product"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public long insert(Connection c, Product p, Instant now) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "INSERT INTO product (sku, name, regular_price, stock, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            bind(ps, p);
            ps.setLong(5, now.toEpochMilli());
            ps.setLong(6, now.toEpochMilli());
            return VersionedRows.insertedId(ps);
        }
    }

    /** Writes {@code p} if the row is still at {@code p.version()}; false (nothing written) otherwise. */
    public boolean update(Connection c, Product p, Instant now) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "UPDATE product SET sku = ?, name = ?, regular_price = ?, stock = ?,"
                + " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")) {
            bind(ps, p);
            ps.setLong(5, now.toEpochMilli());
            ps.setLong(6, p.id());
            ps.setLong(7, p.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the row if it is still at {@code version}; false (nothing deleted) otherwise. */
    public boolean delete(Connection c, long id, long version) throws SQLException {
        return VersionedRows.delete(db, c, "product", id, version);
    }

    /** When the row was last written, if it exists (for a conflict's message). */
    public Optional<Instant> updatedAt(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT updated_at FROM product WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement ps, Product p) throws SQLException {
        ps.setString(1, p.sku());
        ps.setString(2, p.name());
        ps.setString(3, Money.format(p.regularPrice()));
        ps.setInt(4, p.stock());
    }

    private static List<Product> list(PreparedStatement ps) throws SQLException {
        List<Product> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Product(rs.getLong(1), rs.getString(2), rs.getString(3), new BigDecimal(rs.getString(4)),
                        rs.getInt(5), rs.getLong(6)));
            }
        }
        return out;
    }
}
