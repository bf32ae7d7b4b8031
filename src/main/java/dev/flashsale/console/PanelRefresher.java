package dev.flashsale.console;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Refreshes the cache panel four times a second: the snapshot and diff on a background thread,
 * then one small {@code Platform.runLater} to apply it. A refresh is skipped while the previous one
 * has not been applied yet, so a busy FX thread is never flooded.
 */
final class PanelRefresher implements AutoCloseable {
    static final long PERIOD_MILLIS = 250;

    private final CachePanelModel model;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cache-panel-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean applyPending = new AtomicBoolean();

    PanelRefresher(CachePanelModel model) {
        this.model = model;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::refresh, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        if (!applyPending.compareAndSet(false, true)) {
            return;
        }
        try {
            CachePanelModel.Plan plan = model.prepare();
            Platform.runLater(() -> {
                try {
                    model.apply(plan);
                } finally {
                    applyPending.set(false);
                }
            });
        } catch (RuntimeException e) {
            applyPending.set(false);
            System.getLogger(PanelRefresher.class.getName()).log(System.Logger.Level.WARNING, "panel refresh failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
