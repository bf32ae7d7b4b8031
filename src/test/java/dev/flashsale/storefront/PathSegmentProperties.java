package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.CatalogAdmin;
import dev.flashsale.sale.CatalogService;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every path segment of the product routes, fed arbitrary text (percent-encoded as a client
 * sends it) over a real server: a JSON answer, an error in JSON with 400/404/414, never a 500,
 * and the cache never grows beyond the known products' keys.
 */
class PathSegmentProperties {

    private static Path dir;
    private static Database db;
    private static TtlCache<Object> cache;
    private static StorefrontServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("path-properties");
        db = Database.open(dir.resolve("store.db"));
        cache = TtlCache.builder().build();
        CatalogAdmin admin = new CatalogAdmin(db, cache, Clock.systemUTC());
        admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        server = StorefrontServer.start(new CatalogService(db, cache, Clock.systemUTC()), db::queryCount,
                InetAddress.getLoopbackAddress(), 0, Clock.systemUTC());
    }

    @AfterContainer
    static void stop() throws IOException {
        server.stop(Duration.ofSeconds(1));
        cache.close();
        db.close();
        dev.flashsale.testing.TempFolders.delete(dir);
    }

    @Provide
    Arbitrary<String> segments() {
        return TypedInput.into("1", "12345", "9223372036854775807");
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of("price", "flash-status");
    }

    @Property(tries = 600)
    void anySegment(@ForAll("segments") String segment, @ForAll("routes") String route) throws Exception {
        String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/products/" + encoded
                + "/" + route)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(Set.of(200, 400, 404, 414).contains(r.statusCode()), r.statusCode() + " for '" + segment + "'");
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() == 200) {
            assertEquals(1, body.get("productId").asLong(), segment);
        } else {
            assertTrue(body.get("error").asText().length() > 0, r.body());
        }
        assertTrue(cache.size() <= 2, "only the one product's price and status may be cached: " + cache.size());
    }
}
