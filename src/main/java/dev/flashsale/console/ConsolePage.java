package dev.flashsale.console;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;

/**
 * A page of the console: one tab with its view and its view-model, as AtlantaFX's sampler does it.
 * Pages are found when the console starts (services listed in {@code META-INF/services}), so the
 * window knows this contract and no page.
 */
public abstract class ConsolePage {
    private final String title;
    private final int position;

    /** {@code title}: the tab's (part of the UI contract: Sales, Products, Cache); {@code position}: left to right. */
    protected ConsolePage(String title, int position) {
        this.title = title;
        this.position = position;
    }

    public final String title() {
        return title;
    }

    public final int position() {
        return position;
    }

    /** Builds the page for the running application, on the FX thread; returns the tab's content. */
    public abstract Node open(PageContext context);

    /** The page is on screen, or no longer: its periodic work (countdowns, refreshes) runs only while it is. */
    public void setShown(boolean shown) {
    }

    /** What the page adds to the status bar, or null. */
    public ObservableStringValue status() {
        return null;
    }

    /** The console is closing. */
    public void close() {
    }
}
