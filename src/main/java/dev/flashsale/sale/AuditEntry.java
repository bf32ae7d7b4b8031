package dev.flashsale.sale;

import java.time.Instant;

/** One manual cache invalidation, as kept in the audit table: who, when, what, how many entries. */
public record AuditEntry(Instant at, String osUser, String action, String target, int entries) {
}
