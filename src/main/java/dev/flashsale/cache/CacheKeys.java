package dev.flashsale.cache;

/**
 * The {@code namespace:rest} key convention: the namespace (before the first colon) lets an operator
 * invalidate a family of keys at once, e.g. every {@code price:...}.
 */
public final class CacheKeys {
    private CacheKeys() {
    }

    /** The namespace of a well-formed key. */
    public static String namespaceOf(String key) {
        int i = key.indexOf(':');
        return i > 0 ? key.substring(0, i) : "";
    }

    public static boolean isValid(String key) {
        if (key == null) {
            return false;
        }
        int i = key.indexOf(':');
        return i > 0 && i < key.length() - 1;
    }

    static String requireValid(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException(
                    "cache key must look like namespace:rest (e.g. price:42), got: " + key);
        }
        return key;
    }

    static void requireValidNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.indexOf(':') >= 0) {
            throw new IllegalArgumentException("namespace must be non-empty and contain no ':', got: " + namespace);
        }
    }
}
