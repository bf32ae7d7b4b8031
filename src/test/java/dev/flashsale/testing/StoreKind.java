package dev.flashsale.testing;

import dev.flashsale.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two stores the store, sale and storefront tests run on. Its name ends every parameterized
 * test's display name, so a report shows at a glance which store each case ran on.
 */
public enum StoreKind {
    SQLITE("SQLite"),
    POSTGRESQL("PostgreSQL");

    private final String shown;

    StoreKind(String shown) {
        this.shown = shown;
    }

    @Override
    public String toString() {
        return shown;
    }

    /** A new, empty store for one test (a file in {@code dir}, or a database on the shared server). */
    public TestStore create(Path dir) {
        return create(dir, "store.db");
    }

    public TestStore create(Path dir, String fileName) {
        if (this == SQLITE) {
            Path file = dir.resolve(fileName);
            return new TestStore(this, file.toString(), Map.of());
        }
        try {
            PostgresServer server = PostgresServer.shared();
            return new TestStore(this, server.url(server.newDatabase()), PostgresServer.env());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One store: {@link #open()} as often as needed (several processes' worth of connections);
     * {@link #dbArgument()} is what a node gets as {@code --db}, {@link #env()} what it needs in
     * its environment.
     */
    public record TestStore(StoreKind kind, String dbArgument, Map<String, String> env) {
        public Database open() {
            return Database.open(Database.address(dbArgument), env);
        }
    }
}
