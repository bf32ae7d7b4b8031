package dev.flashsale.sale.read;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.persistence.ProductRepository;
import dev.flashsale.store.Database;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The ids of every product, so a storefront miss for an id no product has is answered without
 * asking the store: unknown products are rightly not cached (a flood of random ids must not grow
 * the cache), so each request for one used to be a store query. The ids are loaded on the first
 * miss that needs them and again after {@link CatalogKeys#PRODUCT_IDS} is invalidated (every write
 * that creates or deletes a product does that, and the invalidation reaches every process as any
 * other does), after any wider invalidation, and after a TTL at most, so a missed signal costs
 * one TTL, never more.
 */
final class KnownProducts {

    private final Database db;
    private final ProductRepository products;
    private final TtlCache<Object> cache;
    private final LongSupplier nanos;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile ProductIds ids;
    private volatile long loadedAt;
    private volatile boolean stale = true;

    KnownProducts(Database db, TtlCache<Object> cache, LongSupplier nanos) {
        this.db = db;
        this.products = new ProductRepository(db);
        this.cache = cache;
        this.nanos = nanos;
        cache.addInvalidationHook(this::invalidated);
    }

    private void invalidated(String key, String namespace) {
        if (CatalogKeys.PRODUCT_IDS.equals(key) || (key == null && (namespace == null
                || CatalogKeys.PRODUCT_IDS.startsWith(namespace + ":")))) {
            stale = true;
        }
    }

    /** False only for an id no product had when the ids were last loaded; with the cache off, always true. */
    boolean mayExist(long productId, Duration budget) {
        Duration ttl = cache.defaultTtl();
        if (ttl.isZero()) {
            return true; // the cache is off: every answer asks the store, and so does this one
        }
        ProductIds known = ids;
        if (known == null || stale || nanos.getAsLong() - loadedAt >= ttl.toNanos()) {
            known = reload(ttl, budget);
        }
        return known.contains(productId);
    }

    private ProductIds reload(Duration ttl, Duration budget) {
        loading.lock();
        try {
            ProductIds known = ids;
            if (known != null && !stale && nanos.getAsLong() - loadedAt < ttl.toNanos()) {
                return known; // another miss loaded them while this one waited
            }
            // Cleared before the query: a product created while it runs marks them stale again.
            stale = false;
            long at = nanos.getAsLong();
            known = new ProductIds(db.read(budget, products::ids));
            ids = known;
            loadedAt = at;
            return known;
        } catch (RuntimeException e) {
            stale = true;
            throw e;
        } finally {
            loading.unlock();
        }
    }
}
