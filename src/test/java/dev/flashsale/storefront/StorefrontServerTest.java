package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real server on 127.0.0.1, port 0, over a real SQLite file, driven by the JDK's HttpClient. */
@Timeout(60)
class StorefrontServerTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private TtlCache<Object> cache;
    private CatalogAdmin admin;
    private StorefrontServer server;
    private Product shoes;
    private Product mat;
    private FlashSale shoesSale;

    void start(Dialect store) throws IOException {
        Clock clock = Clock.systemUTC();
        db = TestStore.create(store, dir, "store.db").open();
        cache = TtlCache.builder().build();
        admin = new CatalogAdmin(db, cache, clock);
        shoes = admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        mat = admin.createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 10);
        Instant now = Instant.now();
        shoesSale = admin.createSale(shoes.id(), new BigDecimal("79.95"), now.minusSeconds(60), now.plusSeconds(3600));
        server = StorefrontServer.start(new CatalogService(db, cache, clock), db::queryCount,
                InetAddress.getLoopbackAddress(), 0, clock);
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
        cache.close();
        db.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> r) throws IOException {
        return json.readTree(r.body());
    }

    private static String xCache(HttpResponse<?> r) {
        return r.headers().firstValue("X-Cache").orElse(null);
    }

    @OnBothStores
    void bindsToLoopbackOnAFreePort(Dialect store) throws Exception {
        start(store);
        assertTrue(server.port() > 0);
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
    }

    @OnBothStores
    void thePreviewIsNotServedToShoppers(Dialect store) throws Exception {
        start(store);
        for (String path : new String[] {"/api/preview", "/api/flash-sales/preview", "/api/flash-sales/active/preview"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
    }

    @OnBothStores
    void healthSaysUp(Dialect store) throws Exception {
        start(store);
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("UP", body(r).get("status").asText());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertFalse(r.body().contains(dir.toString()), "no file path of this machine: " + r.body());
        assertFalse(r.body().contains("store.db"), r.body());
    }

    @OnBothStores
    void activeListingFollowsTheContractMissThenHit(Dialect store) throws Exception {
        start(store);
        HttpResponse<String> first = get("/api/flash-sales/active");
        HttpResponse<String> second = get("/api/flash-sales/active");
        assertEquals(200, first.statusCode());
        assertEquals("MISS", xCache(first));
        assertEquals("HIT", xCache(second));
        assertEquals(first.body(), second.body(), "a hit serves the very bytes of the load");
        JsonNode listing = body(first);
        assertTrue(listing.get("asOf").asText().endsWith("Z"));
        JsonNode sale = listing.get("sales").get(0);
        assertEquals(shoesSale.id(), sale.get("saleId").asLong());
        assertEquals(shoes.id(), sale.get("productId").asLong());
        assertEquals("Trail Running Shoes", sale.get("productName").asText());
        assertEquals("119.95", sale.get("regularPrice").asText());
        assertEquals("79.95", sale.get("flashPrice").asText());
        assertTrue(sale.get("flashPrice").isTextual(), "prices are decimal strings");
        assertEquals(shoesSale.startsAt().toString(), sale.get("startsAt").asText());
        assertEquals(shoesSale.endsAt().toString(), sale.get("endsAt").asText());
    }

    @OnBothStores
    void priceAndFlashStatus(Dialect store) throws Exception {
        start(store);
        JsonNode onSale = body(get("/api/products/" + shoes.id() + "/price"));
        assertEquals("79.95", onSale.get("price").asText());
        assertEquals("119.95", onSale.get("regularPrice").asText());
        assertTrue(onSale.get("flashSale").asBoolean());
        assertEquals(shoesSale.id(), onSale.get("saleId").asLong());

        HttpResponse<String> r = get("/api/products/" + mat.id() + "/price");
        JsonNode regular = body(r);
        assertEquals("39.90", regular.get("price").asText());
        assertFalse(regular.get("flashSale").asBoolean());
        assertTrue(regular.has("saleId") && regular.get("saleId").isNull(), "saleId is null when no sale applies");
        assertEquals("MISS", xCache(r));
        assertEquals("HIT", xCache(get("/api/products/" + mat.id() + "/price")));

        JsonNode status = body(get("/api/products/" + shoes.id() + "/flash-status"));
        assertEquals("ACTIVE", status.get("status").asText());
        assertEquals(shoesSale.id(), status.get("saleId").asLong());
        assertEquals("NONE", body(get("/api/products/" + mat.id() + "/flash-status")).get("status").asText());
    }

    @OnBothStores
    void malformedIdsAre400UnknownOnes404(Dialect store) throws Exception {
        start(store);
        for (String bad : List.of("abc", "-1", "0", "1.5", "00", "99999999999999999999", "9999999999999999999",
                "1%27%20OR%201=1", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "")) {
            HttpResponse<String> r = get("/api/products/" + bad + "/price");
            assertEquals(400, r.statusCode(), "id '" + bad + "': " + r.body());
            assertTrue(body(r).get("error").asText().contains("product id"), r.body());
            assertEquals(null, xCache(r), "errors are not cached answers");
        }
        HttpResponse<String> unknown = get("/api/products/987654321/flash-status");
        assertEquals(404, unknown.statusCode());
        assertEquals("no product with id 987654321", body(unknown).get("error").asText());
        assertEquals(0, cache.snapshot().stream().filter(e -> e.key().contains("987654321")).count());
    }

    @OnBothStores
    void unknownPathsWrongMethodsAndOversizedRequests(Dialect store) throws Exception {
        start(store);
        HttpResponse<String> path = get("/no/such/path");
        assertEquals(404, path.statusCode());
        assertTrue(body(path).get("error").asText().contains("/no/such/path"));
        assertEquals(404, get("/api/products/1").statusCode());
        assertEquals(404, get("/api/products/1/price/extra").statusCode());

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/flash-sales/active"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
            assertTrue(body(r).get("error").asText().contains("read-only"));
        }

        HttpResponse<String> big = send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                .method("GET", HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])).build());
        assertEquals(413, big.statusCode());

        HttpResponse<String> longUri = get("/api/flash-sales/active?q=" + "x".repeat(3000));
        assertEquals(414, longUri.statusCode());

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    /**
     * A refused request's body may not have arrived when the answer leaves (a client sends the
     * head, then the body); the server then closes the connection, so the answer must say so, or
     * the client sends its next request on a closed connection (seen once: "header parser received
     * no bytes" on the PUT after a POST). A request without a body keeps its connection.
     */
    @OnBothStores
    void anAnswerSentBeforeTheRequestBodySaysTheConnectionCloses(Dialect store) throws Exception {
        start(store);
        URI url = URI.create(server.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String kept = readHead(socket.getInputStream());
            assertTrue(kept.startsWith("HTTP/1.1 200"), kept);
            assertFalse(kept.toLowerCase(Locale.ROOT).contains("connection: close"), kept);

            out.write(("POST /api/flash-sales/active HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)); // the body never comes
            String refused = readHead(socket.getInputStream());
            assertTrue(refused.startsWith("HTTP/1.1 405"), refused);
            assertTrue(refused.toLowerCase(Locale.ROOT).contains("connection: close"), refused);
        }
    }

    /** The status line and headers of one response, read a byte at a time (the body is left unread). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after: " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1))); // so the next response starts where we read
        }
        return text;
    }

    @OnBothStores
    void anAdminWriteIsVisibleToTheVeryNextRequest(Dialect store) throws Exception {
        start(store);
        assertEquals("39.90", body(get("/api/products/" + mat.id() + "/price")).get("price").asText());
        get("/api/flash-sales/active");
        Instant now = Instant.now();
        FlashSale sale = admin.createSale(mat.id(), new BigDecimal("29.90"), now.minusSeconds(1), now.plusSeconds(600));
        HttpResponse<String> price = get("/api/products/" + mat.id() + "/price");
        assertEquals("29.90", body(price).get("price").asText());
        assertEquals("MISS", xCache(price), "the write invalidated the cached price");
        JsonNode listing = body(get("/api/flash-sales/active"));
        assertEquals(2, listing.get("sales").size());
        admin.deleteSale(sale.id(), sale.version());
        assertEquals("39.90", body(get("/api/products/" + mat.id() + "/price")).get("price").asText());
    }

    @OnBothStores
    void aDatabaseFailureIs503WithAMessage(Dialect store) throws Exception {
        start(store);
        db.close();
        HttpResponse<String> r = get("/api/products/" + mat.id() + "/price");
        assertEquals(503, r.statusCode());
        assertTrue(body(r).get("error").asText().contains("unavailable"), r.body());
        assertEquals(0, cache.size());
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})? -?[0-9.eE+-]+|NaN|[+-]Inf$");

    @OnBothStores
    void metricsAreValidPrometheusTextWithTheContractsNames(Dialect store) throws Exception {
        start(store);
        get("/api/flash-sales/active");
        get("/api/flash-sales/active");
        get("/api/products/abc/price");
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertTrue(SAMPLE.matcher(line).matches(), "not a Prometheus sample line: " + line);
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        assertEquals(1.0, samples.get("flashsale_cache_hits_total"));
        assertEquals(1.0, samples.get("flashsale_cache_misses_total"));
        assertEquals(1.0, samples.get("flashsale_cache_entries"));
        assertTrue(samples.get("flashsale_db_queries_total") > 0);
        assertTrue(samples.containsKey("flashsale_cache_evictions_total"));
        assertEquals(2.0, samples.get("flashsale_http_requests_total{route=\"/api/flash-sales/active\",status=\"200\"}"));
        assertEquals(1.0, samples.get("flashsale_http_requests_total{route=\"/api/products/{id}/price\",status=\"400\"}"));
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("flashsale_http_request_duration_seconds_bucket")));

        Path promtool = findOnPath("promtool");
        Assumptions.assumeTrue(promtool != null, "promtool not installed: format checked by the parser above only");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(r.body().getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "promtool check metrics: " + out);
    }

    private static Path findOnPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @OnBothStores
    void aFloodOfRandomIdsDoesNotGrowTheCache(Dialect store) throws Exception {
        start(store);
        Random rnd = new Random(3);
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            codes.add(get("/api/products/" + (1000 + rnd.nextInt(1_000_000_000)) + "/price").statusCode());
        }
        assertTrue(codes.stream().allMatch(c -> c == 404));
        assertEquals(0, cache.size(), "unknown products are never cached");
    }
}
