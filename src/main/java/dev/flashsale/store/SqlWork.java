package dev.flashsale.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work on a borrowed connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
