package dev.flashsale.console.sales;

import dev.flashsale.concurrent.Daemons;
import dev.flashsale.console.ConsolePage;
import dev.flashsale.console.PageContext;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The Sales page: the sales table and timeline ({@link SalesPanel}, {@link SalesModel}) and the
 * storefront preview. Its countdowns move once a second from memory (the store is not asked), and
 * only while the page is on screen; no JavaFX Timeline (a running animation pulses 60 times a
 * second).
 */
public final class SalesTab extends ConsolePage {

    private final ScheduledExecutorService secondTicker = Daemons.timer("console-second-ticker");
    private final AtomicBoolean tickPending = new AtomicBoolean();
    private volatile ScheduledFuture<?> secondTicks;
    private Consumer<Runnable> fx;
    private volatile SalesModel model;
    private volatile SalesPanel panel;

    public SalesTab() {
        super("Sales", 10);
    }

    @Override
    public Node open(PageContext context) {
        fx = context.fx();
        model = new SalesModel(context.catalog(), context.backend().campaigns());
        panel = new SalesPanel(model);
        PreviewModel preview = new PreviewModel(context.backend().preview(), context.commands(), context.fx(), context.zone(),
                context.clock().instant());
        panel.setPreviewModel(preview);
        context.scene().getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                panel::newSale);
        return panel.node();
    }

    /** FX thread. */
    @Override
    public void setShown(boolean shown) {
        if (model == null) {
            return;
        }
        if (shown && secondTicks == null && !secondTicker.isShutdown()) {
            model.tick();
            secondTicks = secondTicker.scheduleAtFixedRate(() -> {
                if (tickPending.compareAndSet(false, true)) {
                    fx.accept(() -> {
                        tickPending.set(false);
                        model.tick();
                    });
                }
            }, 1, 1, TimeUnit.SECONDS);
        } else if (!shown && secondTicks != null) {
            secondTicks.cancel(false);
            secondTicks = null;
        }
    }

    @Override
    public void close() {
        secondTicker.shutdownNow();
    }

    /** The page's view-model, once open. */
    public SalesModel model() {
        return model;
    }

    /** The page's view, once open (for tests). */
    public SalesPanel panel() {
        return panel;
    }

    /** True while the countdowns tick (for tests). */
    public boolean ticking() {
        return secondTicks != null;
    }
}
