package dev.flashsale.sale.admin;

import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Invalidation;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.sale.persistence.ProductRepository;
import dev.flashsale.sale.persistence.SaleRepository;
import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every write of sales shares, whoever makes it (one sale, an import, a campaign): one
 * transaction with the invalidation log rows for the keys it makes stale, and the checks a sale
 * passes before it is written.
 */
final class SaleWrites {

    private final Database db;
    private final ProductRepository products;
    private final SaleRepository sales;
    private final Invalidator invalidator;

    SaleWrites(Database db, ProductRepository products, SaleRepository sales, Invalidator invalidator) {
        this.db = db;
        this.products = products;
        this.sales = sales;
        this.invalidator = invalidator;
    }

    /** A write that names the cache keys it makes stale; see {@link #change}. */
    interface Change<T> {
        T run(Connection c, Set<String> staleKeys) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction with the invalidation log rows for the keys it names,
     * then, after the commit, drops those keys here and tells the other processes.
     */
    <T> T change(Change<T> work) {
        Set<String> keys = new LinkedHashSet<>();
        T result = db.write(c -> {
            T r = work.run(c, keys);
            if (!keys.isEmpty()) {
                invalidator.record(c, Invalidation.keys(keys));
            }
            return r;
        });
        if (!keys.isEmpty()) {
            invalidator.apply(Invalidation.keys(keys));
        }
        return result;
    }

    static void productKeys(Set<String> keys, long productId) {
        keys.add(CatalogKeys.ACTIVE_LISTING);
        keys.add(CatalogKeys.flashStatus(productId));
        keys.add(CatalogKeys.price(productId));
    }

    void checkSale(Connection c, FlashSale s, Instant now) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        Optional<Product> product = products.find(c, s.productId());
        if (product.isEmpty()) {
            errors.add(new FieldError("product", "choose a product (product #" + s.productId() + " does not exist)"));
        }
        boolean priceOk = CatalogRules.checkPrice("flashPrice", "flash price", s.flashPrice(), errors);
        if (priceOk && product.isPresent() && s.flashPrice().compareTo(product.get().regularPrice()) >= 0) {
            errors.add(new FieldError("flashPrice", "flash price must be below the regular price of "
                    + Money.format(product.get().regularPrice())));
        }
        boolean windowOk = checkWindow(s.startsAt(), s.endsAt(), now, "sale", errors);
        if (windowOk && product.isPresent()) {
            // Two nodes saving overlapping sales of one product at once take turns here, so the
            // second one sees the first one's sale (PostgreSQL; SQLite's writers take turns anyway).
            db.lockRow(c, "product", s.productId());
            List<FlashSale> clash = sales.overlapping(c, s.productId(), s.startsAt(), s.endsAt(), s.id());
            if (!clash.isEmpty()) {
                FlashSale other = clash.get(0);
                errors.add(new FieldError("start", "overlaps sale #" + other.id() + " of \"" + product.get().name()
                        + "\" (" + other.startsAt() + " to " + other.endsAt() + "); sales of one product must not overlap"));
            }
        }
        throwIfAny(errors);
    }

    /**
     * The window rules of a sale ({@code what}: "sale", "campaign"): both ends, in range, end after
     * start, 1 minute to 30 days, not over yet. Adds what fails to {@code errors}; true when none did.
     */
    static boolean checkWindow(Instant start, Instant end, Instant now, String what, List<FieldError> errors) {
        boolean windowOk = true;
        if (start == null) {
            errors.add(new FieldError("start", "start is required"));
            windowOk = false;
        }
        if (end == null) {
            errors.add(new FieldError("end", "end is required"));
            windowOk = false;
        }
        if (windowOk && (CatalogRules.outOfRange(start) || CatalogRules.outOfRange(end))) {
            errors.add(new FieldError("start", "start and end must lie between the years 2000 and 9999"));
            windowOk = false;
        }
        if (windowOk) {
            Duration window = Duration.between(start, end);
            if (!end.isAfter(start)) {
                errors.add(new FieldError("end", "end must be after start"));
                windowOk = false;
            } else if (window.compareTo(CatalogRules.MIN_WINDOW) < 0) {
                errors.add(new FieldError("end", "a " + what + " must last at least 1 minute"));
                windowOk = false;
            } else if (window.compareTo(CatalogRules.MAX_WINDOW) > 0) {
                errors.add(new FieldError("end", "a " + what + " must last at most 30 days"));
                windowOk = false;
            } else if (!end.isAfter(now)) {
                errors.add(new FieldError("end", "the " + what + " would already be over: end must be in the future"));
                windowOk = false;
            }
        }
        return windowOk;
    }

    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

}
