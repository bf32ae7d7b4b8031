package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started headless as a user would, answers and then stops cleanly on SIGTERM. */
@Timeout(120)
class HeadlessJarIT {

    @TempDir
    Path dir;

    @Test
    void startsHeadlessServesAndStopsCleanly() throws Exception {
        Path jar = Path.of("target/flash-sale-console.jar");
        assertTrue(Files.exists(jar), "run after mvn package");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path db = dir.resolve("store.db");
        Process p = new ProcessBuilder(javaBin.toString(), "-jar", jar.toString(), "--headless", "--db", db.toString(),
                "--port", "0").redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        // Read the output on its own thread: destroy() may close the stream under a reader.
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the stream closed when the process went
            }
        });
        reader.start();
        try {
            String url = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (url == null && System.nanoTime() < deadline && p.isAlive()) {
                synchronized (lines) {
                    for (String line : lines) {
                        Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)").matcher(line);
                        if (m.find()) {
                            url = m.group(1);
                        }
                    }
                }
                Thread.sleep(50); // polling a child process's output, not waiting for a TTL
            }
            assertTrue(url != null, "no URL line: " + lines);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> active = http.send(HttpRequest.newBuilder(URI.create(url + "/api/flash-sales/active"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(active.body().contains("\"sales\":[{"), "the demo catalog has active sales: " + active.body());

            // SIGTERM as a service manager sends it (Process.destroy() would also close our end of the pipe).
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).inheritIO().start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s");
            reader.join(10_000);
            assertTrue(lines.contains("Stopped cleanly."), "clean stop: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.contains("restricted method")),
                    "no native-access warnings (the manifest enables it): " + lines);
            assertEquals(143, p.exitValue(), "the JVM's exit code after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        // The database was closed properly: it opens again with every row.
        try (var reopened = Database.open(db)) {
            assertTrue(!reopened.isNew());
        }
    }
}
