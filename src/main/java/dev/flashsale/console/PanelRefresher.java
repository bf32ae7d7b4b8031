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
    private final javafx.animation.Timeline ticker;

    PanelRefresher(CachePanelModel model) {
        this.model = model;
        this.ticker = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.millis(PERIOD_MILLIS), e -> model.tick()));
    }

    void start() {
        timer.scheduleAtFixedRate(this::refresh, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        // Countdowns tick on the FX thread by themselves (cheap: only visible cells redraw), so they
        // keep moving four times a second even when a large snapshot makes a refresh late.
        ticker.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ticker.play();
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
        ticker.stop();
        timer.shutdownNow();
    }
}
