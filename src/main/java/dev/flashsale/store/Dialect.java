package dev.flashsale.store;

/** Which kind of store a {@link Database} is; shown to people by {@link #toString()}. */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    @Override
    public String toString() {
        return this == SQLITE ? "SQLite" : "PostgreSQL";
    }
}
