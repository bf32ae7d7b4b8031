package dev.flashsale.console.cache;

import dev.flashsale.concurrent.Daemons;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * Refreshes the cache panel four times a second while it is on screen: the snapshot and diff on a
 * background thread, then one small {@code Platform.runLater} to apply it and move the countdowns.
 * A refresh is skipped while the previous one has not been applied yet, so a busy FX thread is
 * never flooded. While the panel is hidden (another tab, the window minimised) nothing runs.
 *
 * <p>No JavaFX {@code Timeline} here: a running animation keeps the FX thread pulsing 60 times a
 * second however long its key frames are, which is most of an idle console's CPU.
 */
final class PanelRefresher implements AutoCloseable {
    static final long PERIOD_MILLIS = 250;

    private final CachePanelModel model;
    private final ClusterModel cluster;
    private final AtomicBoolean clusterPending = new AtomicBoolean();
    private ScheduledFuture<?> clustering;
    // Two threads: the countdown tick must not wait behind a large snapshot.
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, Daemons.named("cache-panel-refresh"));
    private final AtomicBoolean applyPending = new AtomicBoolean();
    private final AtomicBoolean tickPending = new AtomicBoolean();
    private ScheduledFuture<?> running;
    private ScheduledFuture<?> ticking;

    public PanelRefresher(CachePanelModel model) {
        this(model, null);
    }

    /** With {@code cluster}: its nodes (and shared tier, when shown) are read once a second too. */
    public PanelRefresher(CachePanelModel model, ClusterModel cluster) {
        this.model = model;
        this.cluster = cluster;
    }

    /** Starts refreshing (at once, then four times a second); stops when {@code active} is false. */
    public synchronized void setActive(boolean active) {
        if (active && running == null && !timer.isShutdown()) {
            running = timer.scheduleAtFixedRate(this::refresh, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            // Countdowns move four times a second by themselves (only visible cells redraw), also
            // when a large snapshot makes a refresh late.
            ticking = timer.scheduleAtFixedRate(this::tick, PERIOD_MILLIS / 2, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            if (cluster != null && cluster.clusteredProperty().get()) {
                clustering = timer.scheduleWithFixedDelay(this::refreshCluster, 0, 1, TimeUnit.SECONDS);
            }
        } else if (!active && running != null) {
            running.cancel(false);
            ticking.cancel(false);
            running = null;
            ticking = null;
            if (clustering != null) {
                clustering.cancel(false);
                clustering = null;
            }
        }
    }

    public synchronized boolean isActive() {
        return running != null;
    }

    public void start() {
        setActive(true);
    }

    private void tick() {
        if (tickPending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                tickPending.set(false);
                model.tick();
            });
        }
    }

    private void refreshCluster() {
        // ClusterModel says itself when Redis is away
        handOver(clusterPending, cluster::prepare, cluster::apply, null);
    }

    private void refresh() {
        handOver(applyPending, model::prepare, model::apply, "panel refresh");
    }

    /**
     * Prepares off the FX thread and applies there, unless the last one is still waiting to be
     * applied (a busy FX thread is never flooded); a failure is logged as {@code what} when named.
     */
    private static <T> void handOver(AtomicBoolean pending, Supplier<T> prepare, Consumer<T> apply, String what) {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            T prepared = prepare.get();
            Platform.runLater(() -> {
                try {
                    apply.accept(prepared);
                } finally {
                    pending.set(false);
                }
            });
        } catch (RuntimeException e) {
            pending.set(false);
            if (what != null) {
                Logger.getLogger(PanelRefresher.class.getName()).log(Level.WARNING, what + " failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        setActive(false);
        timer.shutdownNow();
    }
}
