package dev.flashsale.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs blocking work on a thread of its own. Not {@code CompletableFuture.supplyAsync}: its common
 * pool has one thread on a two-core machine, so a second blocking task waited for the first to end
 * (two "concurrent" imports ran one after the other; a task waiting for another one never started).
 */
public final class OwnThread {
    private OwnThread() {
    }

    public static <T> CompletableFuture<T> run(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return result;
    }
}
