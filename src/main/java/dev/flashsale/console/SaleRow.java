package dev.flashsale.console;

import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;

/** One sale as the Sales table shows it: the sale and its product's name and regular price. */
public record SaleRow(FlashSale sale, String productName, BigDecimal regularPrice) {
    public static SaleRow of(FlashSale sale, Product product) {
        return new SaleRow(sale, product == null ? "#" + sale.productId() : product.name(),
                product == null ? null : product.regularPrice());
    }
}
