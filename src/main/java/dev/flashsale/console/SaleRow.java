package dev.flashsale.console;

import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;

/**
 * One sale as the Sales table shows it: the sale, its product's name and regular price, and the
 * name of its campaign ("" for none).
 */
public record SaleRow(FlashSale sale, String productName, BigDecimal regularPrice, String campaign) {
    public static SaleRow of(FlashSale sale, Product product) {
        return of(sale, product, null);
    }

    public static SaleRow of(FlashSale sale, Product product, String campaign) {
        return new SaleRow(sale, product == null ? "#" + sale.productId() : product.name(),
                product == null ? null : product.regularPrice(), campaign == null ? "" : campaign);
    }
}
