package dev.flashsale.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a state another thread or process brings about, bounded: a test asserts the state,
 * never how long it took (these machines are shared and noisy).
 */
public final class Await {
    private static final long LIMIT_SECONDS = 20;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} if it has not within 20 s. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LIMIT_SECONDS + " s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
