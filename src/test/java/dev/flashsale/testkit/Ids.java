package dev.flashsale.testkit;

/**
 * The node ids the page objects use, as documented in docs/testing.md ("The UI contract").
 * {@code UiContractTest} fails when one of these is not in that document.
 */
public final class Ids {
    private Ids() {
    }

    public static final String MAIN_TABS = "#mainTabs";
    public static final String STATUS_BAR = "#statusBar";

    public static final String NEW_SALE = "#newSaleButton";
    public static final String EDIT_SALE = "#editSaleButton";
    public static final String DELETE_SALE = "#deleteSaleButton";
    public static final String SALES_TABLE = "#salesTable";
    public static final String SALES_MESSAGE = "#salesMessage";
    public static final String PREVIEW_STOREFRONT = "#previewStorefrontButton";

    public static final String PRODUCT_FIELD = "#productField";
    public static final String FLASH_PRICE_FIELD = "#flashPriceField";
    public static final String START_DATE_FIELD = "#startDateField";
    public static final String START_TIME_FIELD = "#startTimeField";
    public static final String END_DATE_FIELD = "#endDateField";
    public static final String END_TIME_FIELD = "#endTimeField";
    public static final String FORM_ERROR = "#formError";
    public static final String SAVE_SALE = "#saveSaleButton";
    public static final String RELOAD_SALE = "#reloadSaleButton";
    public static final String CANCEL_SALE = "#cancelSaleButton";

    public static final String NEW_PRODUCT = "#newProductButton";
    public static final String EDIT_PRODUCT = "#editProductButton";
    public static final String PRODUCTS_TABLE = "#productsTable";
    public static final String PRODUCT_SKU_FIELD = "#productSkuField";
    public static final String PRODUCT_NAME_FIELD = "#productNameField";
    public static final String PRODUCT_PRICE_FIELD = "#productPriceField";
    public static final String PRODUCT_STOCK_FIELD = "#productStockField";
    public static final String PRODUCT_FORM_ERROR = "#productFormError";
    public static final String SAVE_PRODUCT = "#saveProductButton";
    public static final String CANCEL_PRODUCT = "#cancelProductButton";

    public static final String CACHE_TABLE = "#cacheTable";
    public static final String HIT_RATE = "#hitRateLabel";
    public static final String HITS = "#hitsLabel";
    public static final String MISSES = "#missesLabel";
    public static final String ENTRIES = "#entriesLabel";
    public static final String NAMESPACE_FIELD = "#namespaceField";
    public static final String INVALIDATE_NAMESPACE = "#invalidateNamespaceButton";
    public static final String CLEAR_CACHE = "#clearCacheButton";
    public static final String INVALIDATE_CONFIRMATION = "#invalidateConfirmation";
    public static final String INVALIDATE_BUTTON = ".invalidate-button";
}
