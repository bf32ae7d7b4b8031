package dev.flashsale.sale;

import java.time.Instant;

/**
 * One manual cache invalidation, as kept in the audit table: who, when, what, how many entries.
 * Who is the database login that did it ({@code dbUser}, null on SQLite, which has none) as well
 * as the OS user and the host it ran on ({@code host} null in rows older than it was kept).
 */
public record AuditEntry(Instant at, String osUser, String action, String target, int entries, String dbUser,
                         String host) {

    public AuditEntry(Instant at, String osUser, String action, String target, int entries) {
        this(at, osUser, action, target, entries, null, null);
    }

    /** "alice (bob@till-3)" on PostgreSQL, "bob@till-3" on SQLite: the person first. */
    public String who() {
        String os = host == null ? osUser : osUser + "@" + host;
        return dbUser == null ? os : dbUser + " (" + os + ")";
    }
}
