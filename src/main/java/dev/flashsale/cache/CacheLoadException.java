package dev.flashsale.cache;

/** A load-through failed: the loader threw, or waiting for another caller's load timed out. */
public final class CacheLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public CacheLoadException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
