package dev.flashsale.store;

/** Which kind of store a {@link Database} is; shown to people by {@link #toString()}. */
public enum Dialect {
    SQLITE("SQLite"),
    POSTGRESQL("PostgreSQL");

    private final String shown;

    Dialect(String shown) {
        this.shown = shown;
    }

    @Override
    public String toString() {
        return shown;
    }
}
