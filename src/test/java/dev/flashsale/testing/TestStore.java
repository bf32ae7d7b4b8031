package dev.flashsale.testing;

import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One store for a test, of either {@link Dialect}: a file in the test's folder, or a database of
 * its own on the shared throwaway PostgreSQL server. {@link #open()} as often as needed (several
 * processes' worth of connections); {@link #dbArgument()} is what a node gets as {@code --db},
 * {@link #env()} what it needs in its environment.
 */
public record TestStore(Dialect kind, String dbArgument, Map<String, String> env) {

    /** A new, empty store. */
    public static TestStore create(Dialect kind, Path dir) {
        return create(kind, dir, "store.db");
    }

    public static TestStore create(Dialect kind, Path dir, String fileName) {
        if (kind == Dialect.SQLITE) {
            return new TestStore(kind, dir.resolve(fileName).toString(), Map.of());
        }
        try {
            PostgresServer server = PostgresServer.shared();
            return new TestStore(kind, server.url(server.newDatabase()), PostgresServer.env());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Database open() {
        return Database.open(Database.address(dbArgument), env);
    }
}
