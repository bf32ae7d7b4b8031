package dev.flashsale.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test started (servers, node processes, traffic), closed in the reverse order of starting
 * from one {@code @AfterEach}: the traffic before the nodes it talks to, the nodes before their
 * servers. Every one is closed even if one fails; the first failure is thrown, the rest suppressed.
 */
public final class Closing implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Registers {@code c} to be closed; returns it. */
    public synchronized <T extends AutoCloseable> T add(T c) {
        started.push(c);
        return c;
    }

    @Override
    public synchronized void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
