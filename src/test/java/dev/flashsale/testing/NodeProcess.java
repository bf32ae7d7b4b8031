package dev.flashsale.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A storefront node in a process of its own ({@code Main --headless} on this test's class path),
 * as an operator would start one: it is ready when it prints its URL. Its output is kept for
 * failure messages. Close stops it with SIGTERM; {@link #kill()} is {@code kill -9}.
 */
public final class NodeProcess implements AutoCloseable {
    /**
     * As the runnable jar's manifest says (Enable-Native-Access): on JDK 24+ the SQLite driver's
     * native library would otherwise print "restricted method" warnings on every start. JDK 17
     * knows the option too.
     */
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<String> url = new CompletableFuture<>();

    private NodeProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("Storefront listening on ")) {
                        url.complete(line.substring("Storefront listening on ".length()).split(" ")[0]);
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
            url.completeExceptionally(new AssertionError("the node stopped before listening: " + output()));
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code Main} with {@code args} (plus {@code --headless --port 0}); does not wait. */
    public static NodeProcess start(Path db, String... args) throws IOException {
        return start(db, Map.of(), args);
    }

    /** As {@link #start(Path, String...)} with {@code env} added to the environment. */
    public static NodeProcess start(Path db, Map<String, String> env, String... args) throws IOException {
        return start(db.toString(), env, args);
    }

    /** A node on a test store (a SQLite file or a PostgreSQL database, with PGPASSWORD in its environment). */
    public static NodeProcess start(TestStore store, String... args) throws IOException {
        return start(store.dbArgument(), store.env(), args);
    }

    /** A node with {@code --db db} (a file path or a URL) and {@code env} added to its environment. */
    public static NodeProcess start(String db, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:TieredStopAtLevel=1", NATIVE_ACCESS, "-cp",
                System.getProperty("java.class.path"), "dev.flashsale.app.Main", "--headless", "--port", "0",
                "--db", db));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new NodeProcess(pb.start());
    }

    /** Runs {@code Main} with {@code args} to its end (a subcommand); returns exit code and output. */
    public static Result runMain(Duration limit, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:TieredStopAtLevel=1", NATIVE_ACCESS, "-cp",
                System.getProperty("java.class.path"), "dev.flashsale.app.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = OwnThread.run("stdout", () -> read(p.getInputStream()));
        CompletableFuture<String> err = OwnThread.run("stderr", () -> read(p.getErrorStream()));
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("flash-sale-console " + String.join(" ", args) + " did not finish in " + limit);
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    /** A finished command: exit code, standard output, standard error. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until the node listens; returns its base URL. */
    public String url() {
        try {
            return url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the node did not start: " + output(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** GET {@code path}; returns the response (status, headers, body). */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The body of GET {@code path}, failing unless it answered 200. */
    public String body(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * Requests {@code path} until it answers with {@code X-Cache: value} (within 10 s). A MISS shows
     * the entry went (the request fills it again); a HIT that the answer is cached.
     */
    public void awaitXCache(String path, String value) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (value.equals(get(path).headers().firstValue("X-Cache").orElse(""))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(path + " on " + url() + " never answered X-Cache: " + value + "\n" + output());
    }

    /**
     * Polls {@code path} (up to 10 s) until it answers 200 with a body containing {@code expected};
     * returns how long that took, in ms. Another answer meanwhile (a 404 for a product another
     * process created a moment ago and this node has not heard of yet) is waited out.
     */
    public long awaitBody(String path, String expected) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String last = "";
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
            HttpResponse<String> r = get(path);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && r.body().contains(expected)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(10);
        }
        throw new AssertionError(path + " still answers " + last + " (wanted " + expected + ")\n" + output());
    }

    /** The value of a metric in {@code /metrics}, summed over its label sets. */
    public double metric(String name) throws IOException, InterruptedException {
        double sum = 0;
        boolean found = false;
        for (String line : body("/metrics").split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no " + name + " in /metrics of " + url());
        }
        return sum;
    }

    /** Waits (up to 10 s) until {@code metric(name)} is at least {@code atLeast}. */
    public void awaitMetric(String name, double atLeast) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metric(name) < atLeast) {
            if (System.nanoTime() > end) {
                throw new AssertionError(name + " of " + url() + " stays below " + atLeast + "\n" + output());
            }
            Thread.sleep(10);
        }
    }

    /** Waits (up to 10 s) until the node has printed a line containing {@code text}. */
    public void awaitOutput(String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!output().contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the node never printed \"" + text + "\":\n" + output());
            }
            Thread.sleep(10);
        }
    }

    /** kill -9: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
