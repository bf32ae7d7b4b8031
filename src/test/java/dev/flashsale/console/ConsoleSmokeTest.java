package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Proves the headless stack: a real stage of the real application, driven by TestFX under Monocle. */
@Timeout(60)
class ConsoleSmokeTest extends ConsoleFxTest {

    @TempDir
    Path dir;

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        startConsole("--db", dir.resolve("store.db").toString(), "--port", "0");
    }


    @Test
    void showsTheMainWindowWithItsThreeTabs() throws TimeoutException {
        List<Window> windows = listTargetWindows();
        assertTrue(windows.stream().anyMatch(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle().startsWith(ConsoleApp.TITLE)), "the console window is showing");
        assertTrue(windows.stream().anyMatch(w -> w instanceof Stage s && s.getIcons().size() >= 5),
                "the window carries the application icon");
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

}
