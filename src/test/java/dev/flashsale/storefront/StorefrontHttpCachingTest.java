package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What HTTP says about a cached answer, over a real server on each store: gzip when asked for
 * (made once), a tag and {@code 304} for a current copy, a {@code max-age} that never reaches past
 * the next sale boundary nor the cap, {@code no-store} on errors, and pages of the listing served
 * from the one cached listing. Time is a {@link TestClock}: nothing sleeps.
 */
@Timeout(60)
class StorefrontHttpCachingTest {

    private static final Pattern MAX_AGE = Pattern.compile("^public, max-age=(\\d+)$");
    private static final int ACTIVE = 30;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private Database db;
    private TtlCache<Object> cache;
    private CatalogAdmin admin;
    private StorefrontServer server;
    private final List<Long> saleIds = new ArrayList<>();
    private Product first;

    /** {@value #ACTIVE} products on sale (a listing of several KB), one of them ending in 3 s. */
    private void start(Dialect store, Duration httpMaxAge) throws IOException {
        db = TestStore.create(store, dir, "store.db").open();
        cache = TtlCache.builder().ticker(clock.ticker()).defaultTtl(Duration.ofSeconds(30)).build();
        admin = new CatalogAdmin(db, cache, clock);
        Instant now = clock.instant();
        for (int i = 1; i <= ACTIVE; i++) {
            Product p = admin.createProduct("EVT-" + i, "Event product number " + i + " with a longish name",
                    new BigDecimal("100.00"), 5);
            first = first == null ? p : first;
            Instant end = i == 7 ? now.plusSeconds(3) : now.plusSeconds(3600);
            saleIds.add(admin.createSale(p.id(), new BigDecimal("80.00"), now.minusSeconds(60), end).id());
        }
        server = StorefrontServer.start(new CatalogService(db, cache, clock), db::queryCount,
                InetAddress.getLoopbackAddress(), 0, clock, null, httpMaxAge);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
            cache.close();
            db.close();
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static long maxAge(HttpResponse<?> r) {
        Matcher m = MAX_AGE.matcher(header(r, "Cache-Control"));
        assertTrue(m.matches(), header(r, "Cache-Control"));
        return Long.parseLong(m.group(1));
    }

    @OnBothStores
    void theListingIsGzippedWhenAskedForAndOnlyThen(Dialect store) throws Exception {
        start(store, Duration.ofSeconds(60));
        HttpResponse<byte[]> plain = get("/api/flash-sales/active");
        HttpResponse<byte[]> zipped = get("/api/flash-sales/active", "Accept-Encoding", "br, gzip;q=0.8");
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", header(zipped, "Content-Encoding"));
        assertEquals(null, header(plain, "Content-Encoding"), "a client that asks for nothing gets what it got before");
        assertEquals("Accept-Encoding", header(zipped, "Vary"));
        assertEquals("Accept-Encoding", header(plain, "Vary"));
        assertArrayEquals(plain.body(), gunzip(zipped.body()), "the same JSON");
        assertTrue(zipped.body().length * 3 < plain.body().length,
                "gzip pays for itself: " + zipped.body().length + " of " + plain.body().length + " bytes");
        assertEquals(ACTIVE, json.readTree(plain.body()).get("sales").size());

        for (String refused : new String[] {"gzip;q=0", "identity", "deflate, br", "*;q=0", "gzip;q=oops"}) {
            assertEquals(null, header(get("/api/flash-sales/active", "Accept-Encoding", refused), "Content-Encoding"),
                    refused);
        }
        assertEquals("gzip", header(get("/api/flash-sales/active", "Accept-Encoding", "*"), "Content-Encoding"));
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/flash-sales/active"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(Long.toString(zipped.body().length), header(head, "Content-Length"));

        // A price is a few hundred bytes: sent as it is, whatever the client takes.
        HttpResponse<byte[]> price = get("/api/products/" + first.id() + "/price", "Accept-Encoding", "gzip");
        assertEquals(200, price.statusCode());
        assertEquals(null, header(price, "Content-Encoding"));
        assertEquals(null, header(price, "Vary"), "never compressed: it does not vary with Accept-Encoding");
        assertTrue(json.readTree(price.body()).has("price"));
    }

    @OnBothStores
    void aClientWithTheCurrentTagGets304AndNoBody(Dialect store) throws Exception {
        start(store, Duration.ofSeconds(60));
        HttpResponse<byte[]> r = get("/api/flash-sales/active");
        String tag = header(r, "ETag");
        assertTrue(tag != null && tag.startsWith("\"") && tag.endsWith("\""), "a strong tag: " + tag);
        HttpResponse<byte[]> zipped = get("/api/flash-sales/active", "Accept-Encoding", "gzip");
        String gzipTag = header(zipped, "ETag");
        assertNotEquals(tag, gzipTag, "a strong tag names one representation");

        for (String current : new String[] {tag, gzipTag, "W/" + tag, "\"other\", " + tag, "*"}) {
            HttpResponse<byte[]> again = get("/api/flash-sales/active", "If-None-Match", current);
            assertEquals(304, again.statusCode(), current);
            assertEquals(0, again.body().length);
            assertEquals(tag, header(again, "ETag"));
            assertEquals("HIT", header(again, "X-Cache"));
            assertTrue(header(again, "Cache-Control").startsWith("public, max-age="));
        }
        assertEquals(200, get("/api/flash-sales/active", "If-None-Match", "\"not-this\"").statusCode());
        assertEquals(200, get("/api/flash-sales/active", "If-None-Match", "garbage").statusCode());

        // An admin's change is a new answer, with a new tag: the old one no longer matches.
        admin.updateProduct(new Product(first.id(), first.sku(), "Renamed", first.regularPrice(), first.stock(),
                first.version()));
        HttpResponse<byte[]> changed = get("/api/flash-sales/active", "If-None-Match", tag);
        assertEquals(200, changed.statusCode());
        assertNotEquals(tag, header(changed, "ETag"));
        assertTrue(new String(changed.body(), StandardCharsets.UTF_8).contains("Renamed"));

        String priceTag = header(get("/api/products/" + first.id() + "/price"), "ETag");
        assertEquals(304, get("/api/products/" + first.id() + "/price", "If-None-Match", priceTag).statusCode());
    }

    @OnBothStores
    void maxAgeNeverReachesPastTheNextSaleBoundaryNorTheCap(Dialect store) throws Exception {
        start(store, Duration.ofSeconds(60));
        // The listing changes when sale 7 ends, 3 s from now: that is as long as it may be kept.
        HttpResponse<byte[]> listing = get("/api/flash-sales/active");
        assertEquals(3, maxAge(listing));
        clock.advance(Duration.ofMillis(1500));
        assertEquals(1, maxAge(get("/api/flash-sales/active")), "what is left of it, rounded down");
        // A price whose product has no boundary within the cache's 30 s: the TTL's 30 s (under the 60 s cap).
        assertEquals(30, maxAge(get("/api/products/" + first.id() + "/price")));
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<byte[]> after = get("/api/flash-sales/active");
        assertEquals(ACTIVE - 1, json.readTree(after.body()).get("sales").size(), "sale 7 has ended");
        assertTrue(maxAge(after) <= 30);
    }

    @OnBothStores
    void theCapBoundsMaxAgeAndZeroSaysNoCache(Dialect store) throws Exception {
        start(store, Duration.ofSeconds(2));
        assertEquals(2, maxAge(get("/api/products/" + first.id() + "/price")));
        server.stop(Duration.ofSeconds(1));
        server = StorefrontServer.start(new CatalogService(db, cache, clock), db::queryCount,
                InetAddress.getLoopbackAddress(), 0, clock, null, Duration.ZERO);
        assertEquals("no-cache", header(get("/api/products/" + first.id() + "/price"), "Cache-Control"));
        assertEquals("no-cache", header(get("/api/flash-sales/active"), "Cache-Control"));
    }

    @OnBothStores
    void errorsAndLiveFiguresAreNeverKept(Dialect store) throws Exception {
        start(store, Duration.ofSeconds(60));
        for (String path : new String[] {"/api/products/abc/price", "/api/products/987654/price", "/nothing",
            "/api/flash-sales/active?limit=0", "/health", "/metrics"}) {
            HttpResponse<byte[]> r = get(path, "Accept-Encoding", "gzip");
            assertEquals("no-store", header(r, "Cache-Control"), path);
            assertEquals(null, header(r, "ETag"), path);
        }
    }

    @OnBothStores
    void pagesOfTheListingComeFromTheOneCachedListing(Dialect store) throws Exception {
        start(store, Duration.ofSeconds(60));
        get("/api/flash-sales/active"); // loaded and cached
        long queries = db.queryCount();
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            HttpResponse<byte[]> r = get("/api/flash-sales/active?limit=7" + (after == null ? "" : "&after=" + after));
            assertEquals(200, r.statusCode());
            assertEquals("HIT", header(r, "X-Cache"));
            JsonNode page = json.readTree(r.body());
            assertTrue(page.get("sales").size() <= 7);
            page.get("sales").forEach(s -> seen.add(s.get("saleId").asLong()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (after != null);
        assertEquals(saleIds, seen, "every active sale once, ordered by sale id");
        assertEquals(5, pages, "30 sales by 7: 7, 7, 7, 7, 2");
        assertEquals(queries, db.queryCount(), "no store query for a page");

        JsonNode tail = json.readTree(get("/api/flash-sales/active?after=" + saleIds.get(27)).body());
        assertEquals(2, tail.get("sales").size(), "after alone: every sale after it");
        assertTrue(tail.get("next").isNull());
        JsonNode beyond = json.readTree(get("/api/flash-sales/active?limit=5&after=99999999").body());
        assertEquals(0, beyond.get("sales").size());
        assertTrue(beyond.get("next").isNull());
        HttpResponse<byte[]> unknown = get("/api/flash-sales/active?_=12345");
        assertFalse(json.readTree(unknown.body()).has("next"), "other parameters are ignored: the whole listing");
    }

    @OnBothStores
    void aBadPageRequestIsRefusedWithItsReason(Dialect store) throws Exception {
        start(store, Duration.ofSeconds(60));
        String[][] cases = {
            {"limit=0", "limit must be a whole number from 1 to 500, got '0'"},
            {"limit=501", "limit must be a whole number from 1 to 500, got '501'"},
            {"limit=-1", "limit must be a whole number from 1 to 500, got '-1'"},
            {"limit=ten", "limit must be a whole number from 1 to 500, got 'ten'"},
            {"limit=", "limit must be a whole number from 1 to 500, got ''"},
            {"limit=1.5", "limit must be a whole number from 1 to 500, got '1.5'"},
            {"limit=5&limit=6", "limit is given twice"},
            {"after=x", "after must be a sale id (a whole number, 0 or more), got 'x'"},
            {"after=-3", "after must be a sale id (a whole number, 0 or more), got '-3'"},
            {"after=9999999999999999999", "after 9999999999999999999 is too large for a sale id"},
            {"limit=%2B5", "limit must be a whole number from 1 to 500, got '+5'"},
        };
        for (String[] c : cases) {
            HttpResponse<byte[]> r = get("/api/flash-sales/active?" + c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals(c[1], json.readTree(r.body()).get("error").asText(), c[0]);
        }
    }
}
