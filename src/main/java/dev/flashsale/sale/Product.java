package dev.flashsale.sale;

import java.math.BigDecimal;

/** A product of the catalog; {@code id} is 0 before it is saved. */
public record Product(long id, String sku, String name, BigDecimal regularPrice, int stock) {
}
