package dev.flashsale.app;

import dev.flashsale.store.Database;
import dev.flashsale.store.StoreAddress;
import picocli.CommandLine.Option;

/** {@code --db}, as the console, a node and every command take it (a picocli mixin). */
final class StoreOption {

    @Option(names = "--db", paramLabel = "PATH|URL", description = {
        "the store: a SQLite database file, or a PostgreSQL database postgresql://USER@HOST[:PORT]/DB[?sslmode=...]",
        "(a primary and its standbys: HOST:PORT,HOST:PORT; the password from PGPASSWORD or ~/.pgpass); the console",
        "and a node default to a file in the user's data folder,",
        "created and seeded with a demo catalog when new"})
    String db;

    /** The store named, or {@code fallback} when {@code --db} was not given (null: required). */
    StoreAddress address(String fallback) {
        String text = db != null ? db : fallback;
        if (text == null) {
            throw new IllegalArgumentException("Missing required option: '--db=PATH|URL'");
        }
        try {
            return Database.address(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--db: " + e.getMessage(), e);
        }
    }
}
