package dev.flashsale.console.cache;

import dev.flashsale.console.Durations;
import dev.flashsale.console.SafeConverters;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Cache tab: a thin view over {@link CachePanelModel}. */
public final class CachePanel {

    private final CachePanelModel model;
    private final ShopperSimulator shoppers;
    private final Consumer<Runnable> fx = Platform::runLater;
    private final BorderPane root = new BorderPane();
    private final TableView<CacheEntryRow> table = new TableView<>();
    private final ClusterModel cluster;
    private final TableView<SharedEntryRow> sharedTable;

    public CachePanel(CachePanelModel model, ShopperSimulator shoppers) {
        this(model, shoppers, new ClusterModel(null, System::nanoTime));
    }

    public CachePanel(CachePanelModel model, ShopperSimulator shoppers, ClusterModel cluster) {
        this.model = model;
        this.shoppers = shoppers;
        this.cluster = cluster;
        this.sharedTable = ClusterViews.sharedTable(cluster);
        root.getStyleClass().add("cache-panel");
        root.setTop(new VBox(8, figures(), toolbar()));
        BorderPane.setMargin(root.getTop(), new Insets(10, 10, 6, 10));
        SplitPane bottom = new SplitPane(charts(), eventLog());
        bottom.setDividerPositions(0.6);
        // one place for the entries: this process's cache, or the shared tier (Redis) when chosen
        Node local = table();
        StackPane entries = new StackPane(local, sharedTable);
        sharedTable.visibleProperty().bind(cluster.scopeProperty().isEqualTo(ClusterModel.Scope.SHARED));
        local.visibleProperty().bind(sharedTable.visibleProperty().not());
        TableView<NodeRow> nodes = ClusterViews.nodesTable(cluster, java.time.ZoneId.systemDefault());
        VBox nodesBox = new VBox(2, caption("nodes of the cluster"), nodes);
        VBox.setVgrow(nodes, Priority.ALWAYS);
        // three nodes and the header at the window's default size (a fifth of the pane showed
        // one and a half rows there); the divider can still be dragged to show more
        nodes.setMinHeight(110);
        SplitPane center = new SplitPane(entries, nodesBox, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.48, 0.66);
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
        rate.textProperty().bind(model.hitRateProperty());
        VBox rateBox = new VBox(0, caption("hit rate"), rate);
        HBox tiles = new HBox(18, rateBox,
                tile("hits", "hitsLabel", model.hitsProperty()),
                tile("misses", "missesLabel", model.missesProperty()),
                tile("entries", "entriesLabel", model.entriesProperty()),
                tile("loads", "loadsLabel", model.loadsProperty()),
                tile("load failures", "loadFailuresLabel", model.loadFailuresProperty()),
                tile("evictions", "evictionsLabel", model.evictionsProperty()),
                tile("expirations", "expirationsLabel", model.expirationsProperty()),
                tile("avg load time", "averageLoadLabel", model.averageLoadProperty()));
        tiles.setAlignment(Pos.BOTTOM_LEFT);
        return tiles;
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

    // ------------------------------------------------------------------ toolbar


    private Node toolbar() {
        TextField filter = new TextField();
        filter.setId("cacheFilterField");
        filter.setPromptText("Filter keys");
        filter.setPrefColumnCount(14);

        ComboBox<String> namespace = new ComboBox<>(model.namespaces());
        namespace.setId("namespaceField");
        namespace.setPromptText("namespace");
        Button invalidateNs = new Button("Invalidate namespace");
        invalidateNs.setId("invalidateNamespaceButton");
        invalidateNs.disableProperty().bind(namespace.valueProperty().isNull());
        invalidateNs.setOnAction(e -> {
            String ns = namespace.getValue();
            if (confirm("Invalidate namespace", "Invalidate every entry of namespace \"" + ns + "\"?",
                    model.impactOfNamespace(ns))) {
                model.invalidateNamespace(ns, fx);
            }
        });

        ComboBox<ClusterModel.Scope> scope = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                ClusterModel.Scope.values()));
        scope.setId("cacheScope");
        scope.setValue(cluster.scopeProperty().get());
        scope.disableProperty().bind(cluster.clusteredProperty().not());
        scope.setTooltip(new Tooltip("This process's own cache, or the cluster's shared tier in Redis"
                + " (start with --redis to join a cluster)"));
        scope.valueProperty().addListener((o, a, b) -> cluster.choose(b));

        Button invalidateSelected = new Button("Invalidate selected");
        invalidateSelected.setId("invalidateSelectedButton");
        invalidateSelected.disableProperty().bind(Bindings.when(sharedTable.visibleProperty())
                .then(Bindings.isEmpty(sharedTable.getSelectionModel().getSelectedItems()))
                .otherwise(Bindings.isEmpty(table.getSelectionModel().getSelectedItems())));
        invalidateSelected.setOnAction(e -> {
            if (sharedTable.isVisible()) {
                List<String> keys = sharedTable.getSelectionModel().getSelectedItems().stream()
                        .map(SharedEntryRow::key).toList();
                if (confirm("Invalidate selected", "Invalidate the " + keys.size() + " selected shared "
                        + (keys.size() == 1 ? "entry" : "entries") + " on the whole cluster?",
                        model.impactOfKeys(keys))) {
                    model.invalidateKeys(keys, fx);
                    sharedTable.getSelectionModel().clearSelection(); // the list follows Redis again
                }
                return;
            }
            List<CacheEntryRow> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
            if (confirm("Invalidate selected", "Invalidate the " + selected.size() + " selected "
                    + (selected.size() == 1 ? "entry?" : "entries?"), model.impactOf(selected))) {
                model.invalidate(selected, fx);
            }
        });

        Button clear = new Button("Clear cache…");
        clear.setId("clearCacheButton");
        clear.getStyleClass().add("danger");
        clear.setOnAction(e -> confirmClear());

        Button warm = new Button("Warm up");
        warm.setId("warmUpButton");
        warm.setTooltip(new Tooltip("Load the active listing and the prices of products on sale"));
        warm.setOnAction(e -> model.warmUp(fx));

        Spinner<Integer> ttl = new Spinner<>(0, 3600, (int) model.cache().defaultTtl().toSeconds(), 5);
        ttl.setId("ttlSpinner");
        ttl.setEditable(true);
        SafeConverters.install(ttl);
        ttl.setPrefWidth(80);
        ttl.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.setTtlSeconds(b, fx);
            }
        });
        Spinner<Integer> max = new Spinner<>(1, 10_000_000, model.cache().maxEntries(), 1000);
        max.setId("maxEntriesSpinner");
        max.setEditable(true);
        SafeConverters.install(max);
        max.setPrefWidth(110);
        max.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.setMaxEntries(b, fx);
            }
        });

        ToggleButton simulate = new ToggleButton("Simulate shoppers");
        simulate.setId("simulateToggle");
        Slider rate = new Slider(1, 500, shoppers.rate());
        rate.setId("simulateRate");
        rate.setPrefWidth(120);
        Label rateLabel = new Label();
        rateLabel.textProperty().bind(Bindings.format(Locale.ROOT, "%.0f req/s", rate.valueProperty()));
        rate.valueProperty().addListener((o, a, b) -> shoppers.setRate(b.intValue()));
        simulate.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                shoppers.start();
            } else {
                shoppers.stop();
            }
        });

        filter.textProperty().addListener((o, a, text) -> {
            model.setFilter(text);
            cluster.setFilter(text);
        });

        HBox actions = new HBox(8, scope, filter, namespace, invalidateNs, invalidateSelected, clear);
        HBox settings = new HBox(8, warm, new Separator(Orientation.VERTICAL), new Label("default TTL (s)"), ttl,
                new Label("max entries"), max, new Separator(Orientation.VERTICAL), simulate, rate, rateLabel);
        for (HBox bar : List.of(actions, settings)) {
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.getChildren().forEach(n -> {
                if (n instanceof javafx.scene.control.Control c && !(n instanceof TextField) && !(n instanceof Slider)) {
                    c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                }
            });
        }
        return new VBox(6, actions, settings);
    }

    private void confirmClear() {
        if (confirm("Clear the cache", "Clear the whole cache?", model.impactOfAll())) {
            model.clear(fx);
        }
    }

    /**
     * Asks before a bulk invalidation and says what it costs: how many entries go, how many hits
     * they served in the last minute, and that their next requests go to the store.
     */
    private boolean confirm(String title, String header, CachePanelModel.Impact impact) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, impact.describe(), ButtonType.OK, ButtonType.CANCEL);
        confirm.setTitle(title);
        confirm.setHeaderText(header);
        confirm.getDialogPane().setId("invalidateConfirmation");
        confirm.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        return confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    // ------------------------------------------------------------------ table

    private Node table() {
        table.setId("cacheTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("The cache is empty. Storefront requests, Warm up or Simulate shoppers fill it."));

        TableColumn<CacheEntryRow, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().key()));
        key.setPrefWidth(190);
        TableColumn<CacheEntryRow, String> ns = new TableColumn<>("Namespace");
        ns.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().namespace()));
        ns.setPrefWidth(90);
        TableColumn<CacheEntryRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().key()));
        value.setCellFactory(c -> new ClockCell<>() {
            @Override
            void render(CacheEntryRow row, Instant now) {
                setText(row.preview());
            }
        });
        value.setPrefWidth(380);

        TableColumn<CacheEntryRow, Instant> age = new TableColumn<>("Age");
        age.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().writtenAt()));
        age.setCellFactory(c -> new ClockCell<>() {
            @Override
            void render(CacheEntryRow row, Instant now) {
                setText(Durations.compact(row.ageMillis(now)));
            }
        });
        age.setPrefWidth(90);

        TableColumn<CacheEntryRow, Instant> ttl = new TableColumn<>("TTL left");
        ttl.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().expiresAt()));
        ttl.setCellFactory(c -> new ClockCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label text = new Label();
            private final StackPane box = new StackPane(bar, text);

            {
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.getStyleClass().add("ttl-bar");
                text.getStyleClass().add("ttl-text");
            }

            @Override
            void render(CacheEntryRow row, Instant now) {
                bar.setProgress(row.remainingFraction(now));
                text.setText(Durations.compact(row.remainingMillis(now)));
                setGraphic(box);
            }
        });
        ttl.setPrefWidth(130);

        TableColumn<CacheEntryRow, Number> hits = new TableColumn<>("Hits");
        hits.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().hits()));
        hits.setCellFactory(c -> new ClockCell<>() {
            @Override
            void render(CacheEntryRow row, Instant now) {
                setText(String.format(Locale.ROOT, "%,d", row.hits()));
            }
        });
        hits.setPrefWidth(70);
        hits.setStyle("-fx-alignment: CENTER-RIGHT;");

        TableColumn<CacheEntryRow, CacheEntryRow> action = new TableColumn<>("");
        action.setSortable(false);
        action.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue()));
        action.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button("Invalidate");

            {
                button.getStyleClass().add("invalidate-button");
                button.setOnAction(e -> {
                    CacheEntryRow row = getItem();
                    if (row != null) {
                        model.invalidate(row, fx);
                    }
                });
            }

            @Override
            protected void updateItem(CacheEntryRow item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty || item == null ? null : button);
            }
        });
        action.setPrefWidth(95);

        table.getColumns().setAll(List.of(key, ns, value, age, ttl, hits, action));
        key.setUserData(CachePanelModel.SortColumn.KEY);
        ns.setUserData(CachePanelModel.SortColumn.NAMESPACE);
        value.setUserData(CachePanelModel.SortColumn.VALUE);
        age.setUserData(CachePanelModel.SortColumn.AGE);
        ttl.setUserData(CachePanelModel.SortColumn.TTL);
        hits.setUserData(CachePanelModel.SortColumn.HITS);
        // Sorting (and filtering) of up to 100,000 rows happens off the FX thread, in the model.
        table.setSortPolicy(tv -> {
            if (tv.getSortOrder().isEmpty()) {
                model.setSort(null);
            } else {
                TableColumn<CacheEntryRow, ?> c = tv.getSortOrder().get(0);
                model.setSort(new CachePanelModel.Sort((CachePanelModel.SortColumn) c.getUserData(),
                        c.getSortType() == TableColumn.SortType.ASCENDING));
            }
            return true;
        });
        table.setItems(model.view());
        // The view is replaced as a whole when its order changes: keep the user's selection.
        List<CacheEntryRow> keep = new java.util.ArrayList<>();
        model.setBeforeViewChange(() -> keep.addAll(table.getSelectionModel().getSelectedItems()));
        model.setAfterViewChange(() -> {
            if (!keep.isEmpty()) {
                java.util.Set<CacheEntryRow> wanted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                wanted.addAll(keep);
                keep.clear();
                List<CacheEntryRow> items = table.getItems();
                for (int i = 0; i < items.size() && !wanted.isEmpty(); i++) {
                    if (wanted.remove(items.get(i))) {
                        table.getSelectionModel().select(i);
                    }
                }
            }
        });
        table.setRowFactory(tv -> {
            TableRow<CacheEntryRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    showDetail(row.getItem());
                }
            });
            return row;
        });
        return table;
    }

    /** A cell that re-renders whenever the panel's clock ticks, without its row changing. */
    private abstract class ClockCell<T> extends TableCell<CacheEntryRow, T> {
        ClockCell() {
            model.nowProperty().addListener((o, a, now) -> refresh());
        }

        abstract void render(CacheEntryRow row, Instant now);

        private void refresh() {
            CacheEntryRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (row == null || isEmpty()) {
                setText(null);
                setGraphic(null);
            } else {
                render(row, model.nowProperty().get());
            }
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            refresh();
        }
    }

    /** The entry's value as the storefront serves it, indented, with a button to copy it. */
    private void showDetail(CacheEntryRow row) {
        String json = dev.flashsale.storefront.StorefrontJson.pretty(dev.flashsale.storefront.StorefrontJson.of(row.value()));
        TextArea text = new TextArea(json);
        text.setId("cacheEntryJson");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(640, 260);
        text.setStyle("-fx-font-family: monospace;");
        Button copy = new Button("Copy JSON");
        copy.setId("copyJsonButton");
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(json);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        VBox content = new VBox(6, text, copy);
        VBox.setVgrow(text, Priority.ALWAYS);
        Alert detail = new Alert(Alert.AlertType.INFORMATION);
        detail.setTitle("Cache entry");
        detail.setHeaderText(row.key() + "   (" + row.hits() + " hits, TTL left "
                + Durations.compact(row.remainingMillis(model.nowProperty().get())) + ")   as the storefront serves it");
        detail.getDialogPane().setContent(content);
        detail.getDialogPane().setId("cacheEntryDetail");
        detail.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        detail.show();
    }

    // ------------------------------------------------------------------ charts and log

    private Node charts() {
        LineChart<Number, Number> rate = chart("hit rate, last 5 minutes (%)", null);
        javafx.scene.control.Tooltip.install(rate, new javafx.scene.control.Tooltip("A gap in the line: seconds without requests"));
        rate.setData(model.hitRateSegments());
        rate.setId("hitRateChart");
        ((NumberAxis) rate.getYAxis()).setAutoRanging(false);
        ((NumberAxis) rate.getYAxis()).setLowerBound(0);
        ((NumberAxis) rate.getYAxis()).setUpperBound(100);
        LineChart<Number, Number> requests = chart("requests per second", model.requestRateSeries());
        requests.setId("requestRateChart");
        HBox box = new HBox(4, rate, requests);
        HBox.setHgrow(rate, Priority.ALWAYS);
        HBox.setHgrow(requests, Priority.ALWAYS);
        return box;
    }

    private static LineChart<Number, Number> chart(String title, javafx.scene.chart.XYChart.Series<Number, Number> series) {
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
        log.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!log.getItems().isEmpty()) {
                log.scrollTo(log.getItems().size() - 1);
            }
        });
        Label title = new Label("Event log");
        title.getStyleClass().add("figure-caption");
        VBox box = new VBox(4, title, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }
}
