package dev.flashsale.sale;

import java.time.Instant;

/**
 * A product's flash status: its current sale, else its next one, else its last ended one, else
 * {@code NONE} (status, saleId and times then null).
 */
public record FlashStatus(long productId, String status, Long saleId, Instant startsAt, Instant endsAt) {
    public static final String NONE = "NONE";
}
