package dev.flashsale.sale.read;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.ActiveSales;
import dev.flashsale.sale.FlashStatus;
import dev.flashsale.sale.PriceQuote;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.persistence.ProductRepository;
import dev.flashsale.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the storefront would answer at another instant: the same {@link CatalogService} code with
 * its clock set to that instant, over a scratch cache that keeps nothing, so the live cache is
 * neither read nor filled. For admins only (the console); never served over HTTP, since shoppers
 * must not see sales before they start.
 */
public final class StorefrontPreview {

    /** One product as the storefront would show it then. */
    public record ProductView(Product product, PriceQuote price, FlashStatus status) {
    }

    /** The listing and every product's price and status at {@code at}. */
    public record Preview(Instant at, ActiveSales listing, List<ProductView> products) {
    }

    private final Database db;
    private final ProductRepository products;

    public StorefrontPreview(Database db) {
        this.db = db;
        this.products = new ProductRepository(db);
    }

    public Preview at(Instant at) {
        // A TTL of zero caches nothing: every answer is computed, none is kept.
        try (TtlCache<Object> scratch = TtlCache.builder().defaultTtl(Duration.ZERO).build()) {
            CatalogService then = new CatalogService(db, scratch, Clock.fixed(at, ZoneOffset.UTC));
            ActiveSales listing = then.activeSales().value();
            List<ProductView> views = new ArrayList<>();
            for (Product p : db.read(products::findAll)) {
                PriceQuote price = then.price(p.id()).map(CatalogService.Answer::value).orElse(null);
                FlashStatus status = then.flashStatus(p.id()).map(CatalogService.Answer::value).orElse(null);
                if (price != null && status != null) { // a product deleted meanwhile is left out
                    views.add(new ProductView(p, price, status));
                }
            }
            return new Preview(at, listing, views);
        }
    }
}
