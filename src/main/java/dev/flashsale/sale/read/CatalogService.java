package dev.flashsale.sale.read;

import dev.flashsale.cache.Loaded;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.ActiveSales;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.FlashStatus;
import dev.flashsale.sale.PriceQuote;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ProductSales;
import dev.flashsale.sale.SaleStatus;
import dev.flashsale.sale.persistence.SaleRepository;
import dev.flashsale.store.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * The storefront's read path (what ADR 0006 cached in front of), cache-aside through the shared
 * cache with single-flight loading.
 *
 * <p>Freshness beyond the ADR: a value's TTL is the cache's default TTL capped at the next sale
 * start or end that would change it, so a sale is listed from its first second and gone after its
 * last; and {@link dev.flashsale.sale.admin.CatalogAdmin} invalidates the affected keys on every write.
 */
public final class CatalogService {

    /** A cached answer and whether it came from the cache (for {@code X-Cache}). */
    public record Answer<T>(Cached<T> cached, boolean fromCache) {
        public T value() {
            return cached.value();
        }
    }

    /**
     * How long one load may wait for a silent store: a request is a shopper waiting, and a store
     * that accepts connections and never answers must not hold storefront threads for the
     * driver's default 30 s. (A free connection is waited for up to a second more.)
     */
    public static final Duration LOAD_BUDGET = Duration.ofSeconds(2);
    /**
     * How long a request waits for another request's load of the same key: that load's own bound
     * (a connection, the query, a lease holder's 500 ms in a cluster) and a little more.
     */
    public static final Duration WAIT_FOR_ANOTHER_LOAD = Duration.ofSeconds(4);

    private final Database db;
    private final SaleRepository sales;
    private final KnownProducts known;
    private final TtlCache<Object> cache;
    private final Clock clock;
    private volatile SharedTier shared = SharedTier.NONE;

    public CatalogService(Database db, TtlCache<Object> cache, Clock clock) {
        this.db = db;
        this.sales = new SaleRepository(db);
        this.known = new KnownProducts(db, cache, System::nanoTime);
        this.cache = cache;
        this.clock = clock;
    }

    public TtlCache<Object> cache() {
        return cache;
    }

    /** Loads go through {@code tier} (a cluster's shared tier) from now on. */
    public void setSharedTier(SharedTier tier) {
        this.shared = tier == null ? SharedTier.NONE : tier;
    }

    public Answer<ActiveSales> activeSales() {
        return answer(CatalogKeys.ACTIVE_LISTING, ActiveSales.class, () -> true, key -> db.read(LOAD_BUDGET, c -> {
            Instant now = clock.instant();
            ActiveSales listing = new ActiveSales(now, sales.activeAt(c, now));
            Optional<Instant> boundary = sales.nextBoundaryAfter(c, 0, now);
            if (cutShort(now, boundary)) {
                Instant at = boundary.get();
                return Loaded.<Object>of(Cached.until(listing, at, new ActiveSales(at, sales.activeAt(c, at))),
                        ttlUntil(now, sales.nextBoundaryAfter(c, 0, at)));
            }
            return Loaded.<Object>of(new Cached<>(listing), ttlUntil(now, boundary));
        }));
    }

    /** The effective price, or empty for an unknown product (nothing is cached for it). */
    public Optional<Answer<PriceQuote>> price(long productId) {
        return productAnswer(CatalogKeys.price(productId), PriceQuote.class, productId, (found, now) -> {
            Product p = found.product();
            return found.sales().stream().filter(s -> s.statusAt(now) == SaleStatus.ACTIVE).findFirst()
                    .map(s -> new PriceQuote(productId, s.flashPrice(), p.regularPrice(), true, s.id(), now))
                    .orElseGet(() -> new PriceQuote(productId, p.regularPrice(), p.regularPrice(), false, null, now));
        });
    }

    /** The flash status, or empty for an unknown product. */
    public Optional<Answer<FlashStatus>> flashStatus(long productId) {
        return productAnswer(CatalogKeys.flashStatus(productId), FlashStatus.class, productId,
                (found, now) -> statusOf(productId, found.sales(), now));
    }

    /**
     * A per-product answer: the product and its sales in one query, the view built from them,
     * cached until the default TTL or the product's next sale boundary; empty (and not cached)
     * for an unknown product.
     */
    private <T> Optional<Answer<T>> productAnswer(String key, Class<T> type, long productId,
                                                  BiFunction<ProductSales, Instant, T> view) {
        Answer<T> a = answer(key, type, () -> known.mayExist(productId, LOAD_BUDGET), k -> db.read(LOAD_BUDGET, c -> {
            Instant now = clock.instant();
            Optional<ProductSales> found = sales.productWithSales(c, productId);
            if (found.isEmpty()) {
                return null;
            }
            ProductSales ps = found.get();
            Optional<Instant> boundary = ps.nextBoundaryAfter(now);
            if (cutShort(now, boundary)) {
                Instant at = boundary.get();
                return Loaded.<Object>of(Cached.until(view.apply(ps, now), at, view.apply(ps, at)),
                        ttlUntil(now, ps.nextBoundaryAfter(at)));
            }
            return Loaded.<Object>of(new Cached<>(view.apply(ps, now)), ttlUntil(now, boundary));
        }));
        return Optional.ofNullable(a.cached() == null ? null : a);
    }

    static FlashStatus statusOf(long productId, List<FlashSale> all, Instant now) {
        Optional<FlashSale> pick = all.stream().filter(s -> s.statusAt(now) == SaleStatus.ACTIVE).findFirst()
                .or(() -> all.stream().filter(s -> s.statusAt(now) == SaleStatus.SCHEDULED)
                        .min(Comparator.comparing(FlashSale::startsAt)))
                .or(() -> all.stream().max(Comparator.comparing(FlashSale::endsAt)));
        return pick.map(s -> new FlashStatus(productId, s.statusAt(now).name(), s.id(), s.startsAt(), s.endsAt()))
                .orElseGet(() -> new FlashStatus(productId, FlashStatus.NONE, null, null, null));
    }

    /**
     * Whether a sale boundary comes before the default TTL ends: then the answer is loaded with
     * the one that follows it ({@link Cached#until}), and both are cached until the default TTL
     * (or the boundary after). Without the cache (TTL 0) there is nothing to keep.
     */
    private boolean cutShort(Instant now, Optional<Instant> boundary) {
        Duration ttl = cache.defaultTtl();
        return boundary.isPresent() && !ttl.isZero() && boundary.get().isAfter(now)
                && Duration.between(now, boundary.get()).compareTo(ttl) < 0;
    }

    /** The default TTL, cut short at the next boundary; zero (not cached) if that is now. */
    private Duration ttlUntil(Instant now, Optional<Instant> boundary) {
        Duration ttl = cache.defaultTtl();
        if (boundary.isPresent()) {
            Duration untilBoundary = Duration.between(now, boundary.get());
            if (untilBoundary.compareTo(ttl) < 0) {
                ttl = untilBoundary.isNegative() ? Duration.ZERO : untilBoundary;
            }
        }
        return ttl;
    }

    /**
     * The loaded answer, knowing on the cache's own clock when it stops being true (its TTL from
     * now, whether it came from the store or the shared tier): what HTTP's {@code max-age} says.
     */
    private Loaded<Object> stamped(Loaded<Object> loaded) {
        if (loaded == null || !(loaded.value() instanceof Cached<?> c)) {
            return loaded;
        }
        return Loaded.of(c.stamped(cache.ticker().read(), loaded.ttl(), clock.instant()), loaded.ttl());
    }

    private interface Load {
        Loaded<Object> load(String key) throws SQLException;
    }

    /**
     * Through the cache: on a miss, {@code exists} is asked first (an unknown product is answered
     * without the shared tier or the store), then the shared tier if any, then {@code loader}.
     */
    @SuppressWarnings("unchecked") // each key holds one kind of value, written only by this class
    private <T> Answer<T> answer(String key, Class<T> type, BooleanSupplier exists, Load loader) {
        SharedTier tier = shared;
        TtlCache.Lookup<Object> lookup = cache.lookup(key, k -> !exists.getAsBoolean() ? null
                : stamped(tier == SharedTier.NONE ? loader.load(k) : tier.load(k, type, () -> loader.load(k))));
        Cached<T> cached = (Cached<T>) lookup.value();
        if (cached != null && cached.hasNext()) {
            cached = cached.at(clock.instant()); // past its boundary: the answer loaded for after it
        }
        if (cached != null && !type.isInstance(cached.value())) {
            throw new IllegalStateException(key + " holds a " + cached.value().getClass().getSimpleName());
        }
        return new Answer<>(cached, lookup.hit());
    }
}
