package dev.flashsale.testkit;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits and lookups for the page objects: no sleeps, a bounded wait for what a user would wait
 * for, and failures that say which id was missing or what never happened.
 */
public final class Fx {
    /** How long a page object waits for the console; generous for slow CI machines. */
    public static final long TIMEOUT_SECONDS = 15;

    private Fx() {
    }

    /** Runs {@code call} on the FX thread and returns its result (reads of live state belong there). */
    public static <T> T call(Callable<T> call) {
        if (Platform.isFxApplicationThread()) {
            try {
                return call.call(); // already there (a wait's condition): no second trip through the queue
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        try {
            return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until {@code condition} holds (checked on the FX thread); fails naming {@code what}. */
    public static void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> call(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + TIMEOUT_SECONDS + " s until " + what + ", in vain");
        }
    }

    /**
     * The node {@code query} ({@code #id} or {@code .style-class}) of type {@code type}, waiting
     * for it to appear; fails naming the id, the type and where it was expected.
     */
    public static <T extends Node> T find(FxRobot robot, String query, Class<T> type, String where) {
        return find(robot, query, type, where, TIMEOUT_SECONDS);
    }

    /** As {@link #find(FxRobot, String, Class, String)}, waiting at most {@code seconds}. */
    public static <T extends Node> T find(FxRobot robot, String query, Class<T> type, String where, long seconds) {
        Node[] found = new Node[1];
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> call(() -> {
                Optional<Node> n = robot.lookup(query).tryQuery();
                n.ifPresent(x -> found[0] = x);
                return n.isPresent();
            }));
        } catch (TimeoutException e) {
            throw new AssertionError("no node " + query + " (" + type.getSimpleName() + ") within " + seconds
                    + " s: expected in " + where + " (see docs/testing.md, the UI contract)");
        }
        if (!type.isInstance(found[0])) {
            throw new AssertionError(query + " in " + where + " is a " + found[0].getClass().getSimpleName()
                    + ", not a " + type.getSimpleName() + " (see docs/testing.md, the UI contract)");
        }
        return type.cast(found[0]);
    }

    /** Clears the text field {@code id} and types {@code text} into it as a user does, then waits until it holds it. */
    public static void type(FxRobot robot, String id, String text, String where) {
        TextField field = find(robot, id, TextField.class, where);
        run(field::clear);
        robot.clickOn(field);
        if (!text.isEmpty()) {
            robot.write(text);
        }
        waitUntil(id + " holds '" + text + "'", () -> field.getText().equals(text));
    }
}
