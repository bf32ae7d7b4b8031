package dev.flashsale.storefront;

import dev.flashsale.sale.ActiveSale;
import dev.flashsale.sale.ActiveSales;
import dev.flashsale.sale.FlashStatus;
import dev.flashsale.sale.PriceQuote;
import dev.flashsale.sale.read.Cached;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storefront's renderings of one cached answer, kept with it ({@link Cached#rendering}): the
 * whole answer, and for the active listing the pages asked of it so far, each made once and served
 * as it is until the answer is loaded again. A page costs no store query and, after its first
 * request, no serialisation.
 */
final class Rendered implements Cached.Rendering {
    /** Pages of one listing kept at most; past that a page is rendered for each request. */
    static final int MAX_PAGES_KEPT = 1_000;

    private final Object value;
    private final Body whole;
    // Made on the first page asked for: most cached answers (prices, statuses) never have pages.
    private volatile Pages pages;

    /** A listing's pages made so far, and its sales ordered by id. */
    private record Pages(List<ActiveSale> bySaleId, ConcurrentHashMap<Page, Body> made, AtomicLong bytes) {
    }

    /** A page of the listing: at most {@code limit} sales with ids above {@code after}. */
    record Page(int limit, long after) {
    }

    private Rendered(Object value, Body whole) {
        this.value = value;
        this.whole = whole;
    }

    static Rendered of(Object value) {
        return new Rendered(value, Body.of(json(value)));
    }

    /** The whole answer. */
    Body whole() {
        return whole;
    }

    /** One page of the active listing, ordered by sale id, with {@code "next"}: the id to ask after, or null. */
    Body page(Page page) {
        Pages p = pages();
        Body kept = p.made().get(page);
        if (kept != null) {
            return kept;
        }
        List<ActiveSale> sorted = p.bySaleId();
        int from = firstAfter(sorted, page.after());
        int to = (int) Math.min(sorted.size(), (long) from + page.limit());
        Long next = to < sorted.size() && to > from ? sorted.get(to - 1).saleId() : null;
        Body made = Body.of(JsonViews.listingPage(((ActiveSales) value).asOf(), sorted.subList(from, to), next));
        if (p.made().size() < MAX_PAGES_KEPT) {
            Body raced = p.made().putIfAbsent(page, made);
            if (raced != null) {
                return raced;
            }
            p.bytes().addAndGet(made.bytes());
        }
        return made;
    }

    private Pages pages() {
        Pages p = pages;
        if (p == null) {
            synchronized (this) {
                p = pages;
                if (p == null) {
                    List<ActiveSale> sorted = ((ActiveSales) value).sales().stream()
                            .sorted(Comparator.comparingLong(ActiveSale::saleId)).toList();
                    p = new Pages(sorted, new ConcurrentHashMap<>(), new AtomicLong());
                    pages = p;
                }
            }
        }
        return p;
    }

    /** The index of the first sale whose id is above {@code after} (binary search: the list is sorted by id). */
    private static int firstAfter(List<ActiveSale> sorted, long after) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).saleId() <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public long bytes() {
        Pages p = pages;
        return whole.bytes() + (p == null ? 0 : p.bytes().get());
    }

    static byte[] json(Object value) {
        if (value instanceof ActiveSales a) {
            return JsonViews.listing(a);
        }
        if (value instanceof PriceQuote q) {
            return JsonViews.price(q);
        }
        if (value instanceof FlashStatus s) {
            return JsonViews.status(s);
        }
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
