package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.console.cache.CacheTab;
import dev.flashsale.console.sales.SalesTab;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Proves the headless stack: a real stage of the real application, driven by TestFX under Monocle. */
@Timeout(60)
class ConsoleSmokeTest extends ConsoleFxTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        stdout = System.out;
        // What the console prints goes both to the real stdout and here.
        PrintStream real = stdout;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                real.write(b);
                synchronized (printed) {
                    printed.write(b);
                }
            }
        }, true));
        startConsole("--db", dir.resolve("store.db").toString(), "--port", "0");
    }

    @org.junit.jupiter.api.AfterEach
    void restoreStdout() {
        System.setOut(stdout);
    }

    @Test
    void printsWhereTheStorefrontListensAsHeadlessModeDoes() throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.backend() != null
                && printed.toString().contains("Storefront listening on "));
        String line = printed.toString().lines().filter(l -> l.startsWith("Storefront listening on ")).findFirst()
                .orElseThrow();
        assertTrue(line.matches("Storefront listening on http://127\\.0\\.0\\.1:\\d+ \\(database .*store\\.db\\)"), line);
        assertTrue(line.contains(app.backend().storefrontUrl()), line);
    }


    @Test
    void showsTheMainWindowWithItsThreeTabs() throws TimeoutException {
        List<Window> windows = listTargetWindows();
        assertTrue(windows.stream().anyMatch(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle().startsWith(ConsoleApp.TITLE)), "the console window is showing");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> windows.stream()
                .anyMatch(w -> w instanceof Stage s && s.getIcons().size() >= 5)); // set just after the first frame
        TabPane tabs = lookup("#mainTabs").queryAs(TabPane.class);
        assertEquals(List.of("Sales", "Products", "Cache"), tabs.getTabs().stream().map(Tab::getText).toList());
        clickOn("Cache");
        assertEquals("Cache", tabs.getSelectionModel().getSelectedItem().getText());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> statusText().contains("Storefront http://127.0.0.1:"));
        assertTrue(statusText().contains("store.db"), statusText());
    }

    private String statusText() {
        return lookup("#statusBar").queryAs(StatusBar.class).getText();
    }


    @Test
    void onlyWhatIsOnScreenTicks() throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.page(CacheTab.class).model() != null && app.catalogModel() != null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.page(SalesTab.class).ticking() && !app.page(CacheTab.class).refreshing());
        clickOn("Cache");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.page(CacheTab.class).refreshing() && !app.page(SalesTab.class).ticking());
        clickOn("Products");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.page(CacheTab.class).refreshing() && !app.page(SalesTab.class).ticking());
        clickOn("Sales");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.page(SalesTab.class).ticking());
    }
}
