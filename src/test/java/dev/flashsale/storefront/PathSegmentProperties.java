package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.testing.TypedInput;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;

/**
 * Every path segment of the product routes, fed arbitrary text (percent-encoded as a client
 * sends it) over a real server: a JSON answer, an error in JSON with 400/404/414, never a 500,
 * and the cache never grows beyond the known products' keys.
 */
class PathSegmentProperties {

    @TempDir
    static Path dir;
    private static Database db;
    private static TtlCache<Object> cache;
    private static StorefrontServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        db = Database.open(dir.resolve("store.db"));
        cache = TtlCache.builder().build();
        CatalogAdmin admin = new CatalogAdmin(db, cache, Clock.systemUTC());
        admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        server = StorefrontServer.start(new CatalogService(db, cache, Clock.systemUTC()), db::queryCount,
                InetAddress.getLoopbackAddress(), 0, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
        cache.close();
        db.close();
    }

    @Test
    void anySegment() {
        qt().withExamples(600).forAll(TypedInput.into("1", "12345", "9223372036854775807"),
                Generate.pick(List.of("price", "flash-status"))).checkAssert(PathSegmentProperties::answeredInJson);
    }

    private static void answeredInJson(String segment, String route) {
        String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r;
        JsonNode body;
        try {
            r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/products/" + encoded + "/" + route))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            body = JSON.readTree(r.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("no JSON answer for '" + segment + "': " + e, e);
        }
        assertTrue(Set.of(200, 400, 404, 414).contains(r.statusCode()), r.statusCode() + " for '" + segment + "'");
        if (r.statusCode() == 200) {
            assertEquals(1, body.get("productId").asLong(), segment);
        } else {
            assertTrue(body.get("error").asText().length() > 0, r.body());
        }
        assertTrue(cache.size() <= 2, "only the one product's price and status may be cached: " + cache.size());
    }
}
