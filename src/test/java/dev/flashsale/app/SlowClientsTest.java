package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.SlowClients;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that never finish their requests, against a node in a process of its own. (Before:
 * eight connections that had each sent one byte stopped the node answering anyone.)
 */
@Tag("slow") // processes, real servers and failures: on one JDK in CI (see .ci/run)
@Timeout(120)
class SlowClientsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void slowClientsNeitherStopTheNodeNorHoldTheirConnectionsForLong() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("shop.db"))) {
            URI base = URI.create(node.url());
            try (SlowClients slow = SlowClients.open(base.getHost(), base.getPort(), 200)) {
                Thread.sleep(1_500); // all of them are in, mid-request
                for (String path : new String[] {"/health", "/api/products/1/price", "/api/flash-sales/active"}) {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), path);
                }
                // a request's head must arrive within 10 s: after that the slow ones are closed
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (slow.closedByServer() < 200 && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                assertTrue(slow.closedByServer() >= 200, "closed by the server: " + slow.closedByServer());
                assertEquals(200, HTTP.send(HttpRequest.newBuilder(base.resolve("/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
        }
    }

    /** A request head over 8 KiB is refused with the contract's JSON error, not read on and on. */
    @Test
    void anOversizedRequestHeadIsRefusedInJson() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("shop.db"))) {
            URI base = URI.create(node.url());
            try (Socket s = new Socket(base.getHost(), base.getPort())) {
                s.setSoTimeout(5_000);
                OutputStream out = s.getOutputStream();
                out.write(("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String answer = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
                assertTrue(answer.contains("application/json") && answer.contains("{\"error\":"), answer);
            }
        }
    }
}
