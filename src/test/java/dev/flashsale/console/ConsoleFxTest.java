package dev.flashsale.console;

import dev.flashsale.testkit.Fx;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the whole console as a user would (its own arguments) and stops it after each test. */
public abstract class ConsoleFxTest extends FxRobot {

    protected ConsoleApp app;

    protected ConsoleApp startConsole(String... args) throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        app = (ConsoleApp) FxToolkit.setupApplication(ConsoleApp.class, args);
        return app;
    }

    @AfterEach
    @Timeout(30)
    public void stopConsole() throws TimeoutException {
        // After a failed start, cleanupStages() would block forever (docs/testing.md, "Pitfalls already met").
        if (app != null) {
            FxToolkit.cleanupStages();
            FxToolkit.cleanupApplication(app);
        }
    }

    /**
     * Finds the nodes on the FX thread. TestFX walks the scene graph from the calling thread, also
     * inside {@code clickOn("#id")}; the live pages add and remove nodes several times a second, and
     * a walk racing with that threw an IndexOutOfBoundsException from Parent.lookupAll (once in
     * CachePanelTest.invalidatesANamespace). What is returned is the nodes found at that moment.
     */
    @Override
    public NodeQuery lookup(String query) {
        Set<Node> found = Fx.call(() -> super.lookup(query).queryAll());
        return from(found);
    }

    protected void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
    }
}
