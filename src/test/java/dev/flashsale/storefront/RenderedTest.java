package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.ActiveSale;
import dev.flashsale.sale.ActiveSales;
import dev.flashsale.sale.PriceQuote;
import dev.flashsale.sale.read.Cached;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The renderings kept with a cached answer: made once, compressed once, tagged by content. */
class RenderedTest {

    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    private static ActiveSales listing(int n) {
        List<ActiveSale> sales = new ArrayList<>();
        for (int i = n; i >= 1; i--) { // stored in another order than by id
            sales.add(new ActiveSale(i, 100 + i, "Product " + i, new BigDecimal("10.00"), new BigDecimal("8.00"),
                    T.minusSeconds(60), T.plusSeconds(3600)));
        }
        return new ActiveSales(T, sales);
    }

    private static byte[] gunzip(byte[] b) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aCachedAnswerIsRenderedAndCompressedOnce() throws IOException {
        Cached<ActiveSales> cached = new Cached<>(listing(40));
        assertEquals(-1, cached.renderedSize(), "nothing made before it is asked for");
        Rendered first = cached.rendering(Rendered::of);
        Rendered again = cached.rendering(Rendered::of);
        assertSame(first, again);
        byte[] gzip = first.whole().gzip();
        assertSame(gzip, again.whole().gzip(), "compressed once, not per request");
        assertArrayEquals(first.whole().json(), gunzip(gzip));
        assertEquals(first.bytes(), cached.renderedSize(), "the panel's size estimate counts both forms");
        assertTrue(cached.renderedSize() >= first.whole().json().length + gzip.length);
    }

    @Test
    void smallAnswersStayPlain() {
        Body price = Rendered.of(new PriceQuote(1, new BigDecimal("8.00"), new BigDecimal("10.00"), true, 3L, T))
                .whole();
        assertNull(price.gzip());
        assertTrue(price.json().length < Body.MIN_GZIP_BYTES);
    }

    @Test
    void theTagComesFromTheContentAlone() {
        Body a = Rendered.of(listing(40)).whole();
        Body b = Rendered.of(listing(40)).whole();
        Body c = Rendered.of(listing(39)).whole();
        assertEquals(a.tag(), b.tag(), "the same JSON on another node, or loaded again: the same tag");
        assertNotEquals(a.tag(), c.tag());
        assertNotEquals(a.tag(), a.gzipTag());
        assertTrue(a.tag().matches("\"[A-Za-z0-9_-]{22}\""), a.tag());
    }

    @Test
    void pagesAreKeptUpToTheirBoundAndStillServedBeyondIt() {
        Rendered r = Rendered.of(listing(40));
        Body p = r.page(new Rendered.Page(10, 0));
        assertSame(p, r.page(new Rendered.Page(10, 0)), "a page asked for again is the one made before");
        long kept = r.bytes();
        for (int i = 0; i < Rendered.MAX_PAGES_KEPT + 50; i++) {
            r.page(new Rendered.Page(1, 1_000 + i));
        }
        long full = r.bytes();
        assertTrue(full > kept);
        Body beyond = r.page(new Rendered.Page(2, 5));
        assertEquals(full, r.bytes(), "past the bound a page is made for the request and not kept");
        assertTrue(new String(beyond.json()).contains("\"saleId\":6"), new String(beyond.json()));
    }

    @Test
    void aPageWithoutALimitIsEverySaleAfterIt() {
        Rendered r = Rendered.of(listing(40));
        String json = new String(r.page(new Rendered.Page(Integer.MAX_VALUE, 37)).json());
        assertTrue(json.contains("\"saleId\":38") && json.contains("\"saleId\":40") && !json.contains("\"saleId\":37"),
                json);
        assertTrue(json.endsWith("\"next\":null}"), json);
    }
}
