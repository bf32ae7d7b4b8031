package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, version, and a one-line message with exit code 2 for every bad start. */
class MainTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineError(Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void helpListsEveryOption() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String option : new String[] {"--db", "--port", "--ttl", "--headless", "--no-demo", "--help", "--version"}) {
            assertTrue(r.out().contains(option), option + " missing from --help");
        }
    }

    @Test
    void versionPrintsOneLine() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("flash-sale-console "), r.out());
    }

    @Test
    void badOptionsExitWithCodeTwoAndOneLine() {
        assertOneLineError(run("--frobnicate"), "Unknown option: '--frobnicate'");
        assertOneLineError(run("--port", "abc"), "--port");
        assertOneLineError(run("--port", "70000"), "--port must be between 0 and 65535");
        assertOneLineError(run("--ttl", "-1"), "--ttl");
        assertOneLineError(run("--db"), "--db");
    }

    @Test
    void aPortInUseExitsWithCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("--headless", "--db", dir.resolve("s.db").toString(), "--port",
                    String.valueOf(taken.getLocalPort()));
            assertOneLineError(r, "is in use");
        }
    }

    @Test
    void aDamagedDatabaseExitsWithCodeTwoAndIsUntouched() throws Exception {
        Path bad = dir.resolve("bad.db");
        Files.writeString(bad, "this is not a database, just text that happens to be here");
        byte[] before = Files.readAllBytes(bad);
        assertOneLineError(run("--headless", "--db", bad.toString(), "--port", "0"), "is not a SQLite database");
        assertTrue(Arrays.equals(before, Files.readAllBytes(bad)));
    }
}
