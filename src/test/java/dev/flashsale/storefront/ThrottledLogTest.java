package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.LogLines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    /** A logger of its own that hands its lines to {@code out} only. */
    private static Logger into(LogLines out) {
        Logger l = Logger.getAnonymousLogger();
        l.setUseParentHandlers(false);
        l.addHandler(out);
        return l;
    }

    @Test
    void aRepeatedFailureIsOneLinePerPeriodWithTheCountLeftOut() {
        LogLines out = new LogLines();
        AtomicLong now = new AtomicLong();
        ThrottledLog log = new ThrottledLog(into(out), "catalog unavailable", Duration.ofSeconds(10), now::get);
        assertTrue(log.log("server down"));
        for (int i = 0; i < 500; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            assertFalse(log.log("server down"));
        }
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(log.log("server down"));
        assertEquals(List.of("catalog unavailable: server down",
                "catalog unavailable: server down (500 more like it since the last line)"), out.lines());
        assertTrue(log.log("disk full"), "a different failure shows at once");
    }
}
