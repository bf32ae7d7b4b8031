package dev.flashsale.sale.persistence;

import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the tables of rows with an id and a version (products, sales) do alike. */
final class VersionedRows {

    private VersionedRows() {
    }

    /** Runs an {@code INSERT ... RETURNING id} and returns the id. */
    static long insertedId(PreparedStatement insert) throws SQLException {
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes the row if it is still at {@code version}; false (nothing deleted) otherwise. */
    static boolean delete(Database db, Connection c, String table, long id, long version) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "DELETE FROM " + table + " WHERE id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setLong(2, version);
            return ps.executeUpdate() == 1;
        }
    }
}
