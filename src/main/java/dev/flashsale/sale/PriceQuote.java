package dev.flashsale.sale;

import java.math.BigDecimal;
import java.time.Instant;

/** A product's effective price: the flash price during an active sale, else the regular price. */
public record PriceQuote(long productId, BigDecimal price, BigDecimal regularPrice, boolean flashSale, Long saleId,
                         Instant asOf) {
}
