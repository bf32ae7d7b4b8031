package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.cache.CacheLimits;
import dev.flashsale.testing.TypedInput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Every option's argument, fed arbitrary text: either the value is taken and within its range,
 * or the command line ends with exit code 2 and one line naming the problem, never a stack trace.
 */
class OptionsProperties {

    @Test
    void anyArgumentOfAnyOption() {
        qt().withExamples(2000).forAll(Generate.pick(List.of("--port", "--ttl", "--max-entries", "--db", "--bind", "--db")),
                TypedInput.into("8080", "30", "100000", "/tmp/store.db", "127.0.0.1",
                        "postgresql://fsc@db.example:5432/shop?sslmode=verify-full"))
                .checkAssert(OptionsProperties::takenWithinRangeOrOneLine);
    }

    private static void takenWithinRangeOrOneLine(String option, String value) {
        Options parsed;
        try {
            parsed = Options.parse(option, value);
        } catch (IllegalArgumentException refused) {
            assertFalse(refused.getMessage().isBlank());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {option, value}, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, message);
            assertEquals(1, message.strip().lines().count(), "one line: " + message);
            assertFalse(message.contains("\tat "), "no stack trace");
            return;
        }
        assertTrue(parsed.port >= 0 && parsed.port <= 65_535);
        assertTrue(parsed.ttlSeconds >= 0 && parsed.ttlSeconds <= CacheLimits.MAX_TTL_SECONDS);
        assertTrue(parsed.maxEntries >= CacheLimits.MIN_ENTRIES && parsed.maxEntries <= CacheLimits.MAX_ENTRIES);
    }
}
