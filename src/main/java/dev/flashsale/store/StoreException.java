package dev.flashsale.store;

/** The database could not be opened, read or written; the message says why in a user's words. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean permissionDenied;

    public StoreException(String message) {
        this(message, null, false);
    }

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreException(String message, Throwable cause, boolean permissionDenied) {
        super(message, cause);
        this.permissionDenied = permissionDenied;
    }

    /** The database refused this login the statement (PostgreSQL's 42501): a role to ask for, not a fault. */
    public static StoreException permissionDenied(String message, Throwable cause) {
        return new StoreException(message, cause, true);
    }

    public boolean permissionDenied() {
        return permissionDenied;
    }
}
