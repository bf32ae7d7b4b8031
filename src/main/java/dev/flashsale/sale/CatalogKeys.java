package dev.flashsale.sale;

/** The cache keys of the design brief; made only from validated product ids. */
public final class CatalogKeys {
    public static final String ACTIVE_LISTING = "flash:products";

    private CatalogKeys() {
    }

    public static String flashStatus(long productId) {
        return "flash:status:" + productId;
    }

    public static String price(long productId) {
        return "price:" + productId;
    }
}
