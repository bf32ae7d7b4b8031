package dev.flashsale.sale;

import java.math.BigDecimal;

/**
 * A product of the catalog; {@code id} is 0 before it is saved. {@code version} counts the row's
 * writes (1 when created): a change or delete names the version it was based on, so an edit made
 * meanwhile by another window or process is never overwritten silently.
 */
public record Product(long id, String sku, String name, BigDecimal regularPrice, int stock, long version) {

    /** A draft, not saved yet. */
    public Product(long id, String sku, String name, BigDecimal regularPrice, int stock) {
        this(id, sku, name, regularPrice, stock, 0);
    }
}
