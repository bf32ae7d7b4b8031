package dev.flashsale.console.cache;

import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Cache page's view, thin over {@link CachePanelModel}: the figures, the controls
 * ({@link CacheToolbar}), the entries ({@link EntryTableView}, or the shared tier in a cluster), the
 * live nodes, the two charts and the event log.
 */
final class CachePanel {

    private final CachePanelModel model;
    private final ShopperSimulator shoppers;
    private final Consumer<Runnable> fx = Platform::runLater;
    private final BorderPane root = new BorderPane();
    private final EntryTableView entryTable;
    private final ClusterModel cluster;
    private final TableView<SharedEntryRow> sharedTable;
    private final AuditModel audit;

    public CachePanel(CachePanelModel model, ShopperSimulator shoppers) {
        this(model, shoppers, new ClusterModel(null, System::nanoTime));
    }

    public CachePanel(CachePanelModel model, ShopperSimulator shoppers, ClusterModel cluster) {
        this(model, shoppers, cluster, null);
    }

    /** With {@code audit} (may be null): its export and retention under the event log. */
    public CachePanel(CachePanelModel model, ShopperSimulator shoppers, ClusterModel cluster, AuditModel audit) {
        this.model = model;
        this.audit = audit;
        this.shoppers = shoppers;
        this.cluster = cluster;
        this.sharedTable = ClusterViews.sharedTable(cluster);
        this.entryTable = new EntryTableView(model, fx);
        root.getStyleClass().add("cache-panel");
        Node local = entryTable.build();
        root.setTop(new VBox(8, figures(), new CacheToolbar(model, shoppers, cluster, fx, entryTable.table(), sharedTable,
                root).build()));
        BorderPane.setMargin(root.getTop(), new Insets(10, 10, 6, 10));
        SplitPane bottom = new SplitPane(charts(), eventLog());
        bottom.setDividerPositions(0.6);
        // one place for the entries: this process's cache, or the shared tier (Redis) when chosen
        StackPane entries = new StackPane(local, sharedTable);
        sharedTable.visibleProperty().bind(cluster.scopeProperty().isEqualTo(ClusterModel.Scope.SHARED));
        local.visibleProperty().bind(sharedTable.visibleProperty().not());
        TableView<NodeRow> nodes = ClusterViews.nodesTable(cluster, ZoneId.systemDefault());
        VBox nodesBox = new VBox(2, caption("nodes of the cluster"), nodes);
        // every node of a small cluster and the total at the window's default size (a share of a
        // split pane showed two and a half rows): the table is as tall as its rows, outside the split
        nodesBox.setPadding(new Insets(4, 0, 4, 0));
        VBox entriesAndNodes = new VBox(entries, nodesBox);
        VBox.setVgrow(entries, Priority.ALWAYS);
        SplitPane center = new SplitPane(entriesAndNodes, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.62);
        root.setCenter(center);
    }

    public Node node() {
        return root;
    }

    // ------------------------------------------------------------------ figures

    private Node figures() {
        Label rate = new Label();
        rate.setId("hitRateLabel");
        rate.getStyleClass().add("hit-rate");
        rate.textProperty().bind(model.figures().hitRateProperty());
        Tooltip warning = new Tooltip();
        warning.textProperty().bind(model.figures().hitRateWarningProperty());
        model.figures().hitRateWarningProperty().addListener((o, a, b) -> {
            rate.getStyleClass().remove("hit-rate-warning");
            if (!b.isEmpty()) {
                rate.getStyleClass().add("hit-rate-warning");
                rate.setTooltip(warning);
            } else {
                rate.setTooltip(null);
            }
        });
        VBox rateBox = new VBox(0, caption("hit rate"), rate);
        HBox tiles = new HBox(18, figuresOf(), rateBox,
                tile("hits", "hitsLabel", model.figures().hitsProperty()),
                tile("misses", "missesLabel", model.figures().missesProperty()),
                tile("entries", "entriesLabel", model.figures().entriesProperty()),
                tile("loads", "loadsLabel", model.figures().loadsProperty()),
                tile("load failures", "loadFailuresLabel", model.figures().loadFailuresProperty()),
                tile("evictions", "evictionsLabel", model.figures().evictionsProperty()),
                tile("expirations", "expirationsLabel", model.figures().expirationsProperty()),
                tile("avg load time", "averageLoadLabel", model.figures().averageLoadProperty()));
        tiles.setAlignment(Pos.BOTTOM_LEFT);
        return tiles;
    }

    /** In a cluster: whose figures these are (the whole cluster, or one node), and how many nodes they add up. */
    private Node figuresOf() {
        ChoiceBox<ClusterModel.FigureView> choice = new ChoiceBox<>(cluster.views());
        choice.setId("figuresViewChoice");
        choice.setValue(cluster.viewProperty().get());
        cluster.viewProperty().addListener((o, a, b) -> {
            if (choice.getValue() != b) {
                choice.setValue(b);
            }
        });
        choice.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                cluster.chooseFigures(b);
            } else {
                choice.setValue(cluster.viewProperty().get()); // items replaced: keep showing the choice
            }
        });
        choice.setTooltip(new Tooltip("The figures and charts of the whole cluster (summed over its nodes) or of one node"));
        Label note = new Label();
        note.setId("figuresNote");
        note.getStyleClass().add("figure-caption");
        note.textProperty().bind(cluster.figuresNoteProperty());
        note.setWrapText(true); // a silent node lengthens it: wrap rather than push the figures aside
        VBox box = new VBox(2, caption("figures of"), choice, note);
        box.setPrefWidth(170);
        box.setMinWidth(170);
        box.setMaxWidth(170);
        box.visibleProperty().bind(cluster.clusteredProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Node tile(String caption, String id, ReadOnlyStringProperty value) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("figure");
        v.textProperty().bind(value);
        return new VBox(0, caption(caption), v);
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("figure-caption");
        return l;
    }

    // ------------------------------------------------------------------ charts and log

    private Node charts() {
        LineChart<Number, Number> rate = chart("hit rate, last 5 minutes (%)", null);
        Tooltip.install(rate, new Tooltip("A gap in the line: seconds without requests"));
        rate.setData(model.figures().hitRateSegments());
        rate.setId("hitRateChart");
        ((NumberAxis) rate.getYAxis()).setAutoRanging(false);
        ((NumberAxis) rate.getYAxis()).setLowerBound(0);
        ((NumberAxis) rate.getYAxis()).setUpperBound(100);
        LineChart<Number, Number> requests = chart("requests per second", model.figures().requestRateSeries());
        requests.setId("requestRateChart");
        HBox box = new HBox(4, rate, requests);
        HBox.setHgrow(rate, Priority.ALWAYS);
        HBox.setHgrow(requests, Priority.ALWAYS);
        return box;
    }

    private static LineChart<Number, Number> chart(String title, XYChart.Series<Number, Number> series) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setLabel("seconds since the console started");
        NumberAxis y = new NumberAxis();
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        if (series != null) {
            chart.getData().add(series);
        }
        chart.setMinWidth(200);
        return chart;
    }

    private Node eventLog() {
        ListView<String> log = new ListView<>(model.events());
        log.setId("eventLog");
        log.getItems().addListener((ListChangeListener<String>) c -> {
            if (!log.getItems().isEmpty()) {
                log.scrollTo(log.getItems().size() - 1);
            }
        });
        Label title = new Label("Event log");
        title.getStyleClass().add("figure-caption");
        VBox box = new VBox(4, title, log);
        if (audit != null) {
            box.getChildren().add(AuditBar.build(audit));
        }
        VBox.setVgrow(log, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }
}
