package dev.flashsale.store;

import java.util.List;

/**
 * One schema step. Both stores run the same ordered steps; the SQL differs only where the
 * dialects do (types, generated keys). {@code version} is recorded once the step has run.
 */
record Migration(int version, String description, List<String> sqlite, List<String> postgres) {

    /** A step whose SQL is the same on both stores. */
    static Migration same(int version, String description, List<String> statements) {
        return new Migration(version, description, statements, statements);
    }

    List<String> statements(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqlite : postgres;
    }
}
