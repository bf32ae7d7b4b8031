package dev.flashsale.sale;

import java.time.Instant;

/**
 * A change or delete based on a row that another window or process changed (or deleted) since
 * it was read. Nothing was written. {@code changedAt} is when the row was last written, or null
 * when it is gone; the console shows it in the user's zone.
 */
public final class EditConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final long id;
    private final transient Instant changedAt;

    public EditConflictException(String kind, long id, Instant changedAt) {
        super(changedAt == null
                ? "This " + kind + " was deleted by another window or process; nothing was saved."
                : "This " + kind + " was changed at " + changedAt + " by another window or process;"
                        + " reload it to see the change. Nothing was saved.");
        this.kind = kind;
        this.id = id;
        this.changedAt = changedAt;
    }

    /** "sale" or "product". */
    public String kind() {
        return kind;
    }

    public long id() {
        return id;
    }

    /** When the row was last written, or null if it was deleted. */
    public Instant changedAt() {
        return changedAt;
    }

    public boolean deleted() {
        return changedAt == null;
    }
}
