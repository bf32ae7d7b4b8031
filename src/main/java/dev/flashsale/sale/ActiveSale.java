package dev.flashsale.sale;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of the storefront's active flash-sale listing. */
public record ActiveSale(long saleId, long productId, String productName, BigDecimal regularPrice,
                         BigDecimal flashPrice, Instant startsAt, Instant endsAt) {
}
