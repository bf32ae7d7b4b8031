package dev.flashsale.sale.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class StorefrontPreviewTest {

    @TempDir
    Path dir;

    private final TestClock time = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
    private Database db;
    private TtlCache<Object> cache;
    private CatalogService live;
    private Product shoes;
    private Product mat;
    private FlashSale tomorrow;

    void open(Dialect store) {
        db = TestStore.create(store, dir, "store.db").open();
        cache = TtlCache.builder().ticker(time.ticker()).wallClock(time).build();
        CatalogAdmin admin = new CatalogAdmin(db, cache, time);
        live = new CatalogService(db, cache, time);
        shoes = admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        mat = admin.createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
        tomorrow = admin.createSale(shoes.id(), new BigDecimal("79.95"), Instant.parse("2026-11-26T09:00:00Z"),
                Instant.parse("2026-11-26T18:00:00Z"));
    }

    @AfterEach
    void close() {
        cache.close();
        db.close();
    }

    @OnBothStores
    void showsWhatTheStorefrontWouldAnswerThenWithoutTouchingTheLiveCache(Dialect store) {
        open(store);
        live.price(shoes.id());
        live.activeSales();
        long entries = cache.size();
        var stats = cache.stats();

        StorefrontPreview.Preview then = new StorefrontPreview(db).at(Instant.parse("2026-11-26T10:00:00Z"));
        assertEquals(1, then.listing().sales().size());
        assertEquals(tomorrow.id(), then.listing().sales().get(0).saleId());
        StorefrontPreview.ProductView s = then.products().stream().filter(v -> v.product().id() == shoes.id())
                .findFirst().orElseThrow();
        assertEquals(new BigDecimal("79.95"), s.price().price());
        assertEquals("ACTIVE", s.status().status());
        StorefrontPreview.ProductView m = then.products().stream().filter(v -> v.product().id() == mat.id())
                .findFirst().orElseThrow();
        assertEquals(new BigDecimal("39.90"), m.price().price());
        assertEquals("NONE", m.status().status());

        StorefrontPreview.Preview after = new StorefrontPreview(db).at(Instant.parse("2026-11-26T18:00:00Z"));
        assertEquals(0, after.listing().sales().size(), "a sale's end is exclusive, as on the storefront");

        assertEquals(entries, cache.size(), "the live cache neither read nor filled");
        assertEquals(stats.hits(), cache.stats().hits());
        assertEquals(stats.misses(), cache.stats().misses());
        assertEquals(new BigDecimal("119.95"), live.price(shoes.id()).orElseThrow().value().price(),
                "the live storefront still answers the price of now");
        assertTrue(live.price(shoes.id()).orElseThrow().fromCache());
    }
}
