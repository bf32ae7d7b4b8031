package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.console.ConsoleFxTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The Cache tab of the whole console (demo database, real storefront), driven by TestFX. */
@Timeout(90)
class CachePanelTest extends ConsoleFxTest {

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        startConsole("--db", dir.resolve("store.db").toString(),
                "--port", "0");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.page(CacheTab.class).model() != null);
        clickOn("Cache");
    }


    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.backend().storefrontUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private TableView<CacheEntryRow> table;

    /**
     * Looked up once: a lookup walks the scene graph from the test thread, which races with the
     * FX thread adding and removing nodes (an IndexOutOfBoundsException inside Parent.lookupAll).
     */
    private TableView<CacheEntryRow> table() {
        if (table == null) {
            table = lookup("#cacheTable").queryAs(TableView.class);
        }
        return table;
    }

    private Optional<CacheEntryRow> row(String key) {
        return table().getItems().stream().filter(r -> r.key().equals(key)).findFirst();
    }


    /** The on-screen row of an entry: the table scrolled to it. */
    private TableRow<?> shownRow(String key) throws TimeoutException {
        CacheEntryRow r = row(key).orElseThrow();
        interact(() -> table().scrollTo(r));
        WaitForAsyncUtils.waitForFxEvents();
        return lookup(".table-row-cell").match(n -> n instanceof TableRow<?> tr && tr.getItem() == r)
                .queryAs(TableRow.class);
    }

    private String confirmationText() {
        return lookup("#invalidateConfirmation").queryAs(DialogPane.class).getContentText();
    }

    @Test
    void valuesAreTheJsonTheStorefrontServesAndTheDetailShowsItIndented() throws Exception {
        String served = get("/api/products/1/price").body();
        waitUntil(() -> row("price:1").isPresent());
        assertEquals(served, row("price:1").orElseThrow().preview(), "the table shows the storefront's answer");
        TableRow<?> tableRow = shownRow("price:1");
        doubleClickOn(tableRow);
        waitUntil(() -> lookup("#cacheEntryJson").tryQuery().isPresent());
        String shown = lookup("#cacheEntryJson").queryAs(TextArea.class).getText();
        assertTrue(shown.contains("\n  \"productId\" : 1,"), shown);
        clickOn("#copyJsonButton");
        String copied = WaitForAsyncUtils.asyncFx(
                () -> Clipboard.getSystemClipboard().getString()).get();
        assertEquals(shown, copied);
    }

    @Test
    void aStorefrontRequestShowsUpWithATtlThatCountsDown() throws Exception {
        assertEquals("MISS", get("/api/products/1/price").headers().firstValue("X-Cache").orElse(""));
        waitUntil(() -> row("price:1").isPresent());
        TableRow<?> tableRow = shownRow("price:1");
        Label ttl = from(tableRow).lookup(".ttl-text").queryAs(Label.class);
        String first = ttl.getText();
        assertTrue(first.endsWith(" s"), first);
        // The countdown moves by itself: the panel's clock ticks four times a second.
        waitUntil(() -> !ttl.getText().equals(first));
        Instant now = app.page(CacheTab.class).model().nowProperty().get();
        assertTrue(row("price:1").orElseThrow().remainingMillis(now) < 30_000);
    }

    @Test
    void theRowsInvalidateButtonRemovesItAndTheNextRequestMisses() throws Exception {
        get("/api/products/2/price");
        assertEquals("HIT", get("/api/products/2/price").headers().firstValue("X-Cache").orElse(""));
        waitUntil(() -> row("price:2").isPresent());
        Node button = from(shownRow("price:2")).lookup(".invalidate-button").query();
        clickOn(button);
        waitUntil(() -> row("price:2").isEmpty());
        assertEquals("MISS", get("/api/products/2/price").headers().firstValue("X-Cache").orElse(""));
        waitUntil(() -> app.page(CacheTab.class).model().events().stream().anyMatch(l -> l.contains("[audit]") && l.contains("price:2")));
    }

    @Test
    void invalidatesANamespace() throws Exception {
        get("/api/products/1/price");
        get("/api/products/3/price");
        get("/api/products/1/flash-status");
        waitUntil(() -> table().getItems().size() == 3);
        ComboBox<?> ns = lookup("#namespaceField").queryAs(ComboBox.class);
        waitUntil(() -> ns.getItems().contains("price"));
        get("/api/products/1/price"); // a hit for price:1
        interact(() -> ((ComboBox<String>) (ComboBox<?>) ns).setValue("price"));
        waitUntil(() -> app.page(CacheTab.class).model().entries().impactOfNamespace("price").recentHits() == 1);
        clickOn("#invalidateNamespaceButton");
        String asked = confirmationText();
        assertEquals("2 entries will go; they served 1 hit in the last minute. The next requests for them will go to"
                + " the store (the database).", asked);
        clickOn("OK");
        waitUntil(() -> table().getItems().size() == 1);
        assertEquals("flash:status:1", table().getItems().get(0).key());
    }

    @Test
    void clearAsksFirstAndCancelKeepsEverything() throws Exception {
        get("/api/flash-sales/active");
        get("/api/products/1/price");
        waitUntil(() -> table().getItems().size() == 2);
        clickOn("#clearCacheButton");
        assertTrue(confirmationText().startsWith("2 entries will go; "), confirmationText());
        clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, app.backend().cache().size(), "cancel keeps the cache");
        clickOn("#clearCacheButton");
        clickOn("OK");
        waitUntil(() -> table().getItems().isEmpty());
        assertEquals(0, app.backend().cache().size());
    }

    @Test
    void theHitRateLabelShowsTheCachesOwnFigure() throws Exception {
        get("/api/products/4/price"); // miss
        get("/api/products/4/price"); // hit
        get("/api/products/4/price"); // hit
        get("/api/products/4/price"); // hit
        get("/api/products/5/price"); // miss
        Label rate = lookup("#hitRateLabel").queryAs(Label.class);
        Label hits = lookup("#hitsLabel").queryAs(Label.class);
        // the figures change together in one FX-thread update; wait for it whole, read it on the FX thread
        waitUntil(() -> WaitForAsyncUtils.asyncFx(() -> rate.getText().equals("60.0%") && hits.getText().equals("3"))
                .get());
        assertEquals(String.format(Locale.ROOT, "%.1f%%", 100 * app.backend().cache().stats().hitRate()),
                rate.getText());
        assertEquals("3", lookup("#hitsLabel").queryAs(Label.class).getText());
        assertEquals("2", lookup("#missesLabel").queryAs(Label.class).getText());
        assertEquals("2", lookup("#entriesLabel").queryAs(Label.class).getText());
        assertNotNull(lookup("#hitRateChart").query());
    }

    @Test
    void simulatedShoppersMoveThePanel() throws Exception {
        clickOn("#simulateToggle");
        // Real requests reach the storefront: entries appear and hits accumulate.
        waitUntil(() -> app.backend().cache().stats().hits() > 5 && !table().getItems().isEmpty());
        clickOn("#simulateToggle");
        Label hits = lookup("#hitsLabel").queryAs(Label.class);
        waitUntil(() -> !hits.getText().equals("0"));
    }

    @Test
    void sortsByAnyColumnAndFiltersByKey() throws Exception {
        get("/api/products/1/price");
        get("/api/products/2/price");
        for (int i = 0; i < 3; i++) {
            get("/api/products/2/price");
        }
        get("/api/flash-sales/active");
        waitUntil(() -> table().getItems().size() == 3);
        interact(() -> {
            var hitsColumn = table().getColumns().stream().filter(c -> c.getText().equals("Hits")).findFirst().orElseThrow();
            hitsColumn.setSortType(TableColumn.SortType.DESCENDING);
            table().getSortOrder().setAll(hitsColumn);
        });
        waitUntil(() -> table().getItems().get(0).key().equals("price:2"));
        clickOn("#cacheFilterField").write("flash");
        waitUntil(() -> table().getItems().size() == 1 && table().getItems().get(0).key().equals("flash:products"));
    }

    @Test
    void invalidatesASelection() throws Exception {
        get("/api/products/6/price");
        get("/api/products/7/price");
        get("/api/flash-sales/active");
        waitUntil(() -> table().getItems().size() == 3);
        interact(() -> {
            table().getSelectionModel().select(row("price:6").orElseThrow());
            table().getSelectionModel().select(row("price:7").orElseThrow());
        });
        assertTrue(!lookup("#invalidateSelectedButton").queryAs(Button.class).isDisabled());
        clickOn("#invalidateSelectedButton");
        assertTrue(confirmationText().startsWith("2 entries will go; they served 0 hits"), confirmationText());
        clickOn("OK");
        waitUntil(() -> table().getItems().size() == 1);
        assertEquals("flash:products", table().getItems().get(0).key());
    }
}
