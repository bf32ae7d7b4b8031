package dev.flashsale.sale;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A sales event: one window (typed in {@code zone}, kept as UTC instants) and one price rule over
 * many products, each product's sale an ordinary flash sale that names the campaign. Cancelled
 * campaigns are kept (their ended sales are history); {@code version} guards edits as a sale's does.
 */
public record Campaign(long id, String name, Instant startsAt, Instant endsAt, ZoneId zone, CampaignRule rule,
                       Instant cancelledAt, Instant createdAt, Instant updatedAt, long version) {

    public enum Status { SCHEDULED, ACTIVE, ENDED, CANCELLED }

    public static final int MAX_NAME_LENGTH = 100;

    /** A campaign as a list shows it: with how many sales it has now (a cancelled one keeps only the ended). */
    public record Listed(Campaign campaign, long sales) {
    }

    public Status statusAt(Instant now) {
        if (cancelledAt != null) {
            return Status.CANCELLED;
        }
        if (now.isBefore(startsAt)) {
            return Status.SCHEDULED;
        }
        return now.isBefore(endsAt) ? Status.ACTIVE : Status.ENDED;
    }
}
