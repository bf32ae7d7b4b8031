package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flashsale.cache.CacheLimits;
import dev.flashsale.testkit.ConsoleDriver;
import dev.flashsale.testkit.Fx;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cache tab's TTL and size spinners show what the cache was started with, over the whole range
 * the command line accepts: JavaFX replaces an initial value outside a spinner's range with its
 * minimum, and with a range narrower than the option's a console started with {@code --ttl 7200}
 * showed 0 ("cache off") and set it so.
 */
@Timeout(120)
class CacheSettingsUiTest {

    @TempDir
    Path dir;
    private ConsoleDriver console;

    @AfterEach
    @Timeout(30)
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @SuppressWarnings("unchecked")
    private Spinner<Integer> spinner(String id) {
        return Fx.find(console.robot(), id, Spinner.class, "the Cache tab");
    }

    @Test
    void settingsAboveTheOldSpinnerRangesAreShownAndKept() {
        console = ConsoleDriver.start(dir.resolve("store.db"), "--ttl", "7200", "--max-entries", "2000000");
        console.cachePage();
        assertEquals(7200, Fx.call(() -> spinner("#ttlSpinner").getValue()));
        assertEquals(2_000_000, Fx.call(() -> spinner("#maxEntriesSpinner").getValue()));
        assertEquals(Duration.ofSeconds(7200), console.app().backend().cache().defaultTtl(),
                "showing the panel changed nothing");
        assertEquals(2_000_000, console.app().backend().cache().maxEntries());
    }

    @Test
    void theLargestSettingsTheCommandLineAcceptsAreShown() {
        console = ConsoleDriver.start(dir.resolve("store.db"), "--ttl", Long.toString(CacheLimits.MAX_TTL_SECONDS),
                "--max-entries", Integer.toString(CacheLimits.MAX_ENTRIES));
        console.cachePage();
        assertEquals((int) CacheLimits.MAX_TTL_SECONDS, Fx.call(() -> spinner("#ttlSpinner").getValue()));
        assertEquals(CacheLimits.MAX_ENTRIES, Fx.call(() -> spinner("#maxEntriesSpinner").getValue()));
        assertEquals(Duration.ofSeconds(CacheLimits.MAX_TTL_SECONDS), console.app().backend().cache().defaultTtl());
    }
}
