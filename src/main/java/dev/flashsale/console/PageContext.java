package dev.flashsale.console;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Scene;

/**
 * What a page is given when it opens: the running application, the catalog model the pages share,
 * one executor for work off the FX thread (in order), the way back to the FX thread, the zone times
 * are shown in, the clock, and the window's scene (for its keyboard shortcuts).
 */
public record PageContext(ConsoleBackend backend, CatalogModel catalog, Executor commands, Consumer<Runnable> fx,
                          ZoneId zone, Clock clock, Scene scene) {
}
