package dev.flashsale.concurrent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Threads of the application's own: named (a thread dump says whose they are) and daemon, so that
 * one left running never keeps the JVM from exiting after the console or the node has stopped.
 */
public final class Daemons {

    private Daemons() {
    }

    /** Threads named {@code name}, daemon. */
    public static ThreadFactory named(String name) {
        return r -> thread(name, r);
    }

    /** A timer with one thread named {@code name}, daemon. */
    public static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }

    /** A thread named {@code name}, daemon, not started. */
    public static Thread thread(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        return t;
    }
}
