package dev.flashsale.sale;

/**
 * The catalog's cache keys ({@code flash:products}, {@code flash:status:ID}, {@code price:ID}); made only
 * from validated product ids, never from raw input.
 */
public final class CatalogKeys {
    public static final String ACTIVE_LISTING = "flash:products";
    /**
     * Never an entry: the signal that the set of products changed. Every write that creates or
     * deletes a product invalidates it, and each process then reloads its known product ids
     * (the read service's known ids) before answering an unknown id 404 again.
     */
    public static final String PRODUCT_IDS = "catalog:ids";

    private CatalogKeys() {
    }

    public static String flashStatus(long productId) {
        return "flash:status:" + productId;
    }

    public static String price(long productId) {
        return "price:" + productId;
    }
}
