package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Proves the headless stack: a real stage of the real application, driven by TestFX under Monocle. */
@Timeout(60)
class ConsoleSmokeTest extends FxRobot {

    private boolean started;

    @BeforeEach
    @Timeout(60)
    void startConsole() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(ConsoleApp.class);
        started = true;
    }

    @AfterEach
    @Timeout(30)
    void stopConsole() throws TimeoutException {
        // After a failed start, cleanupStages() would block forever (see ../shared/NOTES.md).
        if (started) {
            FxToolkit.cleanupStages();
        }
    }

    @Test
    void showsTheMainWindowWithItsThreeTabs() {
        List<Window> windows = listTargetWindows();
        assertTrue(windows.stream().anyMatch(w -> w instanceof Stage s && s.isShowing()
                && ConsoleApp.TITLE.equals(s.getTitle())), "the console window is showing");
        TabPane tabs = lookup("#mainTabs").queryAs(TabPane.class);
        assertEquals(List.of("Sales", "Products", "Cache"), tabs.getTabs().stream().map(Tab::getText).toList());
        clickOn("Cache");
        assertEquals("Cache", tabs.getSelectionModel().getSelectedItem().getText());
    }
}
