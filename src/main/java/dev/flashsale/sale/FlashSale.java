package dev.flashsale.sale;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A flash sale of one product at {@code flashPrice} from {@code startsAt} (inclusive) to
 * {@code endsAt} (exclusive), both UTC instants. {@code id} is 0 before it is saved;
 * {@code version} counts the row's writes (see {@link Product}); {@code campaignId} names the
 * {@link Campaign} it belongs to, 0 for none.
 */
public record FlashSale(long id, long productId, BigDecimal flashPrice, Instant startsAt, Instant endsAt,
                        Instant createdAt, Instant updatedAt, long version, long campaignId) {

    /** A sale of no campaign. */
    public FlashSale(long id, long productId, BigDecimal flashPrice, Instant startsAt, Instant endsAt,
                     Instant createdAt, Instant updatedAt, long version) {
        this(id, productId, flashPrice, startsAt, endsAt, createdAt, updatedAt, version, 0);
    }

    /** A draft, not saved yet. */
    public FlashSale(long id, long productId, BigDecimal flashPrice, Instant startsAt, Instant endsAt,
                     Instant createdAt, Instant updatedAt) {
        this(id, productId, flashPrice, startsAt, endsAt, createdAt, updatedAt, 0);
    }

    public SaleStatus statusAt(Instant now) {
        if (now.isBefore(startsAt)) {
            return SaleStatus.SCHEDULED;
        }
        return now.isBefore(endsAt) ? SaleStatus.ACTIVE : SaleStatus.ENDED;
    }

    /** True if the two windows share at least one instant. */
    public boolean overlaps(Instant otherStart, Instant otherEnd) {
        return startsAt.isBefore(otherEnd) && otherStart.isBefore(endsAt);
    }
}
