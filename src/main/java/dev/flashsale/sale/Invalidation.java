package dev.flashsale.sale;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a write or an operator invalidated: some keys, a namespace (a key prefix up to a colon), or
 * everything. The same value is written to the invalidation log, sent on the cluster's bus and
 * applied to a process's own cache.
 */
public record Invalidation(Kind kind, List<String> targets) {

    public enum Kind {
        KEY("key"), NAMESPACE("namespace"), ALL("all");

        private final String stored;

        Kind(String stored) {
            this.stored = stored;
        }

        /** The word kept in the log's {@code kind} column and on the bus. */
        public String stored() {
            return stored;
        }

        public static Kind fromStored(String s) {
            for (Kind k : values()) {
                if (k.stored.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown invalidation kind " + s);
        }
    }

    public Invalidation {
        Objects.requireNonNull(kind);
        targets = List.copyOf(targets);
        if (kind == Kind.ALL && !targets.isEmpty()) {
            throw new IllegalArgumentException("an invalidation of everything names no targets");
        }
    }

    public static Invalidation keys(Collection<String> keys) {
        return new Invalidation(Kind.KEY, List.copyOf(new LinkedHashSet<>(keys)));
    }

    public static Invalidation namespace(String namespace) {
        return new Invalidation(Kind.NAMESPACE, List.of(namespace));
    }

    public static Invalidation all() {
        return new Invalidation(Kind.ALL, List.of());
    }
}
