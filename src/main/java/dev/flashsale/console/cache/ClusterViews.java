package dev.flashsale.console.cache;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The Cache tab's cluster tables: thin views over {@link ClusterModel}. */
final class ClusterViews {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SILENT = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private ClusterViews() {
    }

    /** Rows the nodes table shows before it scrolls: three nodes, a console, a total, and a spare. */
    static final int NODE_ROWS_SHOWN = 6;
    static final double NODE_ROW_HEIGHT = 24;
    /** The column header and the table's border. */
    private static final double HEADER_HEIGHT = 30;

    /**
     * {@code #nodesTable}: one row per node known, this console's own process in bold, a silent
     * one greyed with since when, and a total row under them. Tall enough for every row of a
     * small cluster at the window's default size.
     */
    static TableView<NodeRow> nodesTable(ClusterModel model, ZoneId zone) {
        TableView<NodeRow> t = new TableView<>(model.nodes());
        t.setId("nodesTable");
        t.setPlaceholder(new Label(model.placeholder()));
        t.getColumns().add(column("Node", 260, r -> r.total() ? "Total" : r.id() + (r.self() ? "  (this console)" : "")));
        t.getColumns().add(column("Storefront", 170, r -> r.figures().url()));
        t.getColumns().add(column("Host", 60, r -> r.figures().host()));
        t.getColumns().add(column("PID", 55, r -> r.total() ? "" : Long.toString(r.figures().pid())));
        t.getColumns().add(column("Version", 95, r -> r.figures().version()));
        t.getColumns().add(column("Up since", 105, r -> r.total() ? ""
                : SINCE.format(r.figures().startedAt().atZone(zone))));
        t.getColumns().add(column("Hit rate", 65, r -> r.figures().hits() + r.figures().misses() == 0 ? "–"
                : String.format(Locale.ROOT, "%.1f%%", 100 * r.figures().hitRate())));
        t.getColumns().add(column("Hits", 80, r -> String.format(Locale.ROOT, "%,d", r.figures().hits())));
        t.getColumns().add(column("Misses", 60, r -> String.format(Locale.ROOT, "%,d", r.figures().misses())));
        t.getColumns().add(column("Entries", 60, r -> r.reporting()
                ? String.format(Locale.ROOT, "%,d", r.figures().entries()) : "–"));
        t.getColumns().add(column("Req/s", 85, r -> r.reporting()
                ? String.format(Locale.ROOT, "%,.1f", r.figures().requestsPerSecond()) : "–"));
        t.getColumns().add(column("Redis", 150, r -> r.reporting() ? r.figures().redis()
                : "silent since " + SILENT.format(r.silentSince().atZone(zone))));
        t.setRowFactory(v -> new TableRow<>() {
            @Override
            protected void updateItem(NodeRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("node-total", "node-silent", "node-self");
                if (item != null && !empty) {
                    getStyleClass().add(item.total() ? "node-total" : !item.reporting() ? "node-silent"
                            : item.self() ? "node-self" : "node");
                }
            }
        });
        t.setFixedCellSize(NODE_ROW_HEIGHT);
        // the columns share the window's width (no horizontal scroll bar to hide the last row)
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        // the header and every row up to NODE_ROWS_SHOWN, then it scrolls
        t.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> NODE_ROW_HEIGHT
                * Math.min(NODE_ROWS_SHOWN, Math.max(2, model.nodes().size())) + HEADER_HEIGHT, model.nodes()));
        t.minHeightProperty().bind(t.prefHeightProperty());
        return t;
    }

    /** {@code #sharedTable}: the shared tier's values, TTLs counting down between reads. */
    static TableView<SharedEntryRow> sharedTable(ClusterModel model) {
        TableView<SharedEntryRow> t = new TableView<>(model.shared());
        t.setId("sharedTable");
        t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        t.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<SharedEntryRow>) c -> model.holdShared(!c.getList().isEmpty()));
        t.setPlaceholder(new Label("The shared tier is empty (or Redis is down). Values appear here when a node"
                + " loads them from the store."));
        t.getColumns().add(column("Key", 240, SharedEntryRow::key));
        t.getColumns().add(column("Namespace", 90, SharedEntryRow::namespace));
        t.getColumns().add(column("TTL left", 90, r -> String.format(Locale.ROOT, "%.1f s",
                r.ttlLeftMillis(System.nanoTime()) / 1000.0)));
        t.getColumns().add(column("Size", 80, r -> r.bytes() + " B"));
        return t;
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> text) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(text.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
