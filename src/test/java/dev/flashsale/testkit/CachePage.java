package dev.flashsale.testkit;

import dev.flashsale.console.cache.CacheEntryRow;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The Cache tab: the figures, the live entries table and the invalidate buttons. */
public final class CachePage {

    /** One entry as the table shows it: {@code value} is the storefront's JSON (cut when long). */
    public record Entry(String key, String namespace, String value, long hits, long ttlMillis) {
    }

    private static final String WHERE = "the Cache tab";
    private final ConsoleDriver console;
    private final TableView<CacheEntryRow> table;

    @SuppressWarnings("unchecked")
    CachePage(ConsoleDriver console) {
        this.console = console;
        this.table = Fx.find(console.robot(), Ids.CACHE_TABLE, TableView.class, WHERE);
    }

    /** The entries shown (refreshed four times a second), in the table's order. */
    public List<Entry> rows() {
        return Fx.call(() -> {
            Instant now = Instant.now();
            return table.getItems().stream().map(r -> new Entry(r.key(), r.namespace(), r.preview(), r.hits(),
                    r.remainingMillis(now))).toList();
        });
    }

    /** Waits until the table shows {@code key}, and returns it. */
    public Entry waitForEntry(String key) {
        Fx.waitUntil("the cache table shows " + key, () -> table.getItems().stream().anyMatch(r -> r.key().equals(key)));
        return rows().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    /** The hit rate as shown, e.g. {@code 93.4%} ({@code –} before any request). */
    public String hitRate() {
        return text(Ids.HIT_RATE);
    }

    public long hits() {
        return number(Ids.HITS);
    }

    public long misses() {
        return number(Ids.MISSES);
    }

    public long entries() {
        return number(Ids.ENTRIES);
    }

    /** Waits until the figures show at least {@code n} hits (they refresh four times a second). */
    public CachePage waitForHits(long n) {
        Label l = Fx.find(console.robot(), Ids.HITS, Label.class, WHERE);
        Fx.waitUntil("the hits figure reaches " + n, () -> parse(l.getText()) >= n);
        return this;
    }

    /** Clicks the row's own invalidate button and waits until the entry is gone. */
    public CachePage invalidate(String key) {
        waitForEntry(key);
        CacheEntryRow row = Fx.call(() -> {
            CacheEntryRow r = table.getItems().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
            table.scrollTo(r);
            return r;
        });
        // The row's cell exists once the table has laid out after scrolling: wait for it.
        Node[] button = new Node[1];
        try {
            Fx.waitUntil("the row of " + key + " is on screen with its " + Ids.INVALIDATE_BUTTON, () -> {
                button[0] = console.robot().lookup(".table-row-cell")
                        .match(n -> n instanceof TableRow<?> tr && tr.getItem() == row).queryAll().stream().findFirst()
                        .map(tr -> tr.lookup(Ids.INVALIDATE_BUTTON)).orElse(null);
                return button[0] instanceof Button b && b.getScene() != null && b.isVisible();
            });
        } catch (AssertionError e) {
            throw new AssertionError("the row of " + key + " has no " + Ids.INVALIDATE_BUTTON + " (see docs/testing.md)", e);
        }
        console.robot().clickOn(button[0]);
        Fx.waitUntil(key + " is gone from the cache table", () -> table.getItems().stream().noneMatch(r -> r.key().equals(key)));
        return this;
    }

    /**
     * Invalidates a namespace through its button, answering the confirmation; returns the
     * confirmation's text ("2 entries will go; they served 5 hits in the last minute. ...").
     */
    @SuppressWarnings("unchecked")
    public String invalidateNamespace(String namespace) {
        ComboBox<String> box = Fx.find(console.robot(), Ids.NAMESPACE_FIELD, ComboBox.class, WHERE);
        Fx.waitUntil("namespace " + namespace + " is offered", () -> box.getItems().contains(namespace));
        Fx.run(() -> box.setValue(namespace));
        console.robot().clickOn(Fx.find(console.robot(), Ids.INVALIDATE_NAMESPACE, Button.class, WHERE));
        String asked = confirm();
        Fx.waitUntil("no " + namespace + " entry is left",
                () -> table.getItems().stream().noneMatch(r -> r.namespace().equals(namespace)));
        return asked;
    }

    /** Clears the cache through its button, answering the confirmation; returns the confirmation's text. */
    public String clear() {
        console.robot().clickOn(Fx.find(console.robot(), Ids.CLEAR_CACHE, Button.class, WHERE));
        String asked = confirm();
        Fx.waitUntil("the cache table is empty", () -> table.getItems().isEmpty());
        return asked;
    }

    private String confirm() {
        DialogPane pane = Fx.find(console.robot(), Ids.INVALIDATE_CONFIRMATION, DialogPane.class, "the confirmation");
        String text = Fx.call(pane::getContentText);
        console.robot().clickOn("OK");
        return text;
    }

    private String text(String id) {
        Label l = Fx.find(console.robot(), id, Label.class, WHERE);
        return Fx.call(l::getText);
    }

    private long number(String id) {
        return parse(text(id));
    }

    private static long parse(String shown) {
        String digits = shown.replace(",", "").strip();
        return digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) ? 0 : Long.parseLong(digits.toLowerCase(Locale.ROOT));
    }
}
