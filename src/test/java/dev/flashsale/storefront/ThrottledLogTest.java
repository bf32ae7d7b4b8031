package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    /** Collects lines instead of printing them. */
    private static final class Lines implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }

    @Test
    void aRepeatedFailureIsOneLinePerPeriodWithTheCountLeftOut() {
        Lines out = new Lines();
        AtomicLong now = new AtomicLong();
        ThrottledLog log = new ThrottledLog(out, "catalog unavailable", Duration.ofSeconds(10), now::get);
        assertTrue(log.log("server down"));
        for (int i = 0; i < 500; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            assertFalse(log.log("server down"));
        }
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(log.log("server down"));
        assertEquals(List.of("catalog unavailable: server down",
                "catalog unavailable: server down (500 more like it since the last line)"), out.lines);
        assertTrue(log.log("disk full"), "a different failure shows at once");
    }
}
