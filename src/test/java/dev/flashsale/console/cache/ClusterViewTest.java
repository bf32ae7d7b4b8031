package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.console.ConsoleFxTest;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.RedisServer;
import java.nio.file.Path;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as a node of a cluster (a real redis-server, another node in its own process): the
 * nodes table, the shared-tier scope and its invalidate button, the status bar.
 */
class ClusterViewTest extends ConsoleFxTest {

    @TempDir
    Path dir;
    private RedisServer redis;
    private NodeProcess other;

    @AfterEach
    void stopServers() throws Exception {
        if (other != null) {
            other.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCacheTabShowsTheNodesAndTheSharedTierAndActsOnTheCluster() throws Exception {
        redis = RedisServer.start();
        Path db = dir.resolve("shop.db");
        startConsole("--db", db.toString(), "--port", "0", "--redis", redis.url(), "--ttl", "300");
        waitUntil(() -> app.page(CacheTab.class).clusterModel() != null);
        other = NodeProcess.start(db, "--redis", redis.url(), "--ttl", "300");
        other.url();
        clickOn("Cache");

        TableView<NodeRow> nodes = lookup("#nodesTable").queryAs(TableView.class);
        waitUntil(() -> nodes.getItems().size() == 3);
        assertEquals(1, nodes.getItems().stream().filter(NodeRow::self).count(), "this console is one of them");
        assertTrue(nodes.getItems().stream().anyMatch(r -> r.figures().pid() == other.pid()));
        assertTrue(nodes.getItems().get(2).total(), "a total row under the nodes");
        assertTrue(nodes.getHeight() >= ClusterViews.NODE_ROW_HEIGHT * 4, "every row shows: " + nodes.getHeight());
        waitUntil(() -> lookup("#statusBar").queryAs(StatusBar.class).getText().contains("Cluster flashsale, Redis UP, 2 nodes"));

        String path = "/api/products/1/price";
        for (int i = 0; i < 20; i++) {
            other.body(path); // one miss, then hits: on the other node only
        }
        // the figures are the cluster's: the other node's hits count, though this console served none
        Label hits = lookup("#hitsLabel").queryAs(Label.class);
        waitUntil(() -> Long.parseLong(hits.getText().replace(",", "")) >= 19);
        assertEquals("2 nodes reporting", lookup("#figuresNote").queryAs(Label.class).getText());
        NodeRow total = nodes.getItems().get(2);
        assertTrue(total.figures().hits() >= 19);
        ChoiceBox<ClusterModel.FigureView> view = lookup("#figuresViewChoice").queryAs(ChoiceBox.class);
        ClusterModel.FigureView self = view.getItems().stream().filter(v -> v.label().equals("This console"))
                .findFirst().orElseThrow();
        interact(() -> view.setValue(self));
        waitUntil(() -> hits.getText().equals("0"));
        interact(() -> view.setValue(ClusterModel.FigureView.CLUSTER));
        waitUntil(() -> Long.parseLong(hits.getText().replace(",", "")) >= 19);
        ComboBox<ClusterModel.Scope> scope = lookup("#cacheScope").queryAs(ComboBox.class);
        interact(() -> scope.setValue(ClusterModel.Scope.SHARED));
        TableView<SharedEntryRow> shared = lookup("#sharedTable").queryAs(TableView.class);
        waitUntil(() -> shared.isVisible() && shared.getItems().stream().anyMatch(r -> r.key().equals("price:1")));
        SharedEntryRow row = shared.getItems().stream().filter(r -> r.key().equals("price:1")).findFirst().orElseThrow();
        assertTrue(row.ttlLeftMillis(System.nanoTime()) > 200_000, "Redis holds it with the node's TTL (300 s)");

        interact(() -> shared.getSelectionModel().select(row));
        clickOn("#invalidateSelectedButton");
        clickOn("OK");
        waitUntil(() -> redis.command("EXISTS flashsale:v:price:1").contains(":0"));
        other.awaitXCache(path, "MISS");
        waitUntil(() -> app.backend().cacheControl().recentAudit(1).get(0).target().contains("cluster flashsale"));

        other.kill();
        // the registry forgets a silent node after 4 s; the console marks it, and keeps its counters
        waitUntil(() -> nodes.getItems().stream().anyMatch(r -> r.figures().pid() == other.pid() && !r.reporting()));
        waitUntil(() -> lookup("#figuresNote").queryAs(Label.class).getText()
                .equals("1 node reporting, 1 silent (last figures kept)"));
        assertTrue(Long.parseLong(hits.getText().replace(",", "")) >= 19, "its hits stay in the cluster's total");
        waitUntil(() -> lookup("#statusBar").queryAs(StatusBar.class).getText().contains("1 node (1 silent)"));
    }

    @Test
    void withoutAClusterTheScopeIsOffAndTheNodesTableSaysHowToJoinOne() throws Exception {
        startConsole("--db", dir.resolve("solo.db").toString(), "--port", "0");
        waitUntil(() -> app.page(CacheTab.class).clusterModel() != null);
        clickOn("Cache");
        assertTrue(lookup("#cacheScope").queryAs(ComboBox.class).isDisabled());
        @SuppressWarnings("unchecked")
        TableView<NodeRow> nodes = lookup("#nodesTable").queryAs(TableView.class);
        assertTrue(nodes.getItems().isEmpty());
        assertTrue(((Label) nodes.getPlaceholder()).getText().contains("--redis"));
        assertFalse(lookup("#statusBar").queryAs(StatusBar.class).getText().contains("Cluster"));
    }
}
