package dev.flashsale.console.cache;

import dev.flashsale.console.Durations;
import dev.flashsale.console.Tables;
import dev.flashsale.storefront.StorefrontJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Cache page's table of this process's entries: key, namespace, the value as the storefront
 * serves it, age, TTL left (a number and an emptying bar), hits, and a button per row. Cells redraw
 * when the page's clock ticks, never by replacing rows; sorting and filtering happen in the model,
 * off the FX thread. A double-click shows the entry's JSON, indented, with Copy.
 */
final class EntryTableView {

    private final CachePanelModel model;
    private final Consumer<Runnable> fx;
    private final TableView<CacheEntryRow> table = new TableView<>();

    EntryTableView(CachePanelModel model, Consumer<Runnable> fx) {
        this.model = model;
        this.fx = fx;
    }

    TableView<CacheEntryRow> table() {
        return table;
    }

    /** The table, built once. */
    Node build() {
        table.setId("cacheTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("The cache is empty. Storefront requests, Warm up or Simulate shoppers fill it."));

        TableColumn<CacheEntryRow, String> key = Tables.column("Key", CacheEntryRow::key, 190);
        TableColumn<CacheEntryRow, String> ns = Tables.column("Namespace", CacheEntryRow::namespace, 90);
        TableColumn<CacheEntryRow, String> value = clockColumn("Value", CacheEntryRow::key, (row, now) -> row.preview(), 380);
        TableColumn<CacheEntryRow, Instant> age = clockColumn("Age", CacheEntryRow::writtenAt,
                (row, now) -> Durations.compact(row.ageMillis(now)), 90);

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

        TableColumn<CacheEntryRow, Long> hits = clockColumn("Hits", CacheEntryRow::hits,
                (row, now) -> String.format(Locale.ROOT, "%,d", row.hits()), 70);
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
        key.setUserData(EntryTable.SortColumn.KEY);
        ns.setUserData(EntryTable.SortColumn.NAMESPACE);
        value.setUserData(EntryTable.SortColumn.VALUE);
        age.setUserData(EntryTable.SortColumn.AGE);
        ttl.setUserData(EntryTable.SortColumn.TTL);
        hits.setUserData(EntryTable.SortColumn.HITS);
        // Sorting (and filtering) of up to 100,000 rows happens off the FX thread, in the model.
        table.setSortPolicy(tv -> {
            if (tv.getSortOrder().isEmpty()) {
                model.entries().setSort(null);
            } else {
                TableColumn<CacheEntryRow, ?> c = tv.getSortOrder().get(0);
                model.entries().setSort(new EntryTable.Sort((EntryTable.SortColumn) c.getUserData(),
                        c.getSortType() == TableColumn.SortType.ASCENDING));
            }
            return true;
        });
        table.setItems(model.entries().rows());
        // The view is replaced as a whole when its order changes: keep the user's selection.
        List<CacheEntryRow> keep = new ArrayList<>();
        model.entries().setBeforeViewChange(() -> keep.addAll(table.getSelectionModel().getSelectedItems()));
        model.entries().setAfterViewChange(() -> {
            if (!keep.isEmpty()) {
                Set<CacheEntryRow> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
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
        Tables.onDoubleClick(table, this::showDetail);
        return table;
    }

    /**
     * A column sorted by {@code sortBy} whose cells show {@code text}, read again on every tick of
     * the panel's clock (a row's fields change in place; see {@link CacheEntryRow}).
     */
    private <T> TableColumn<CacheEntryRow, T> clockColumn(String title, Function<CacheEntryRow, T> sortBy,
                                                          BiFunction<CacheEntryRow, Instant, String> text,
                                                          double width) {
        TableColumn<CacheEntryRow, T> column = Tables.column(title, sortBy, width);
        column.setCellFactory(c -> new ClockCell<>() {
            @Override
            void render(CacheEntryRow row, Instant now) {
                setText(text.apply(row, now));
            }
        });
        return column;
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
        String json = StorefrontJson.pretty(StorefrontJson.of(row.value()));
        TextArea text = new TextArea(json);
        text.setId("cacheEntryJson");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(640, 260);
        text.setStyle("-fx-font-family: monospace;");
        Button copy = new Button("Copy JSON");
        copy.setId("copyJsonButton");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(json);
            Clipboard.getSystemClipboard().setContent(content);
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
        detail.initOwner(table.getScene() == null ? null : table.getScene().getWindow());
        detail.show();
    }
}
