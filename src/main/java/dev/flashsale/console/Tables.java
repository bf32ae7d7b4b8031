package dev.flashsale.console;

import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** Columns and row behaviour the console's tables share. */
public final class Tables {

    private Tables() {
    }

    /** A column showing {@code value} of each row, sortable by it; {@code width} 0 keeps the default. */
    public static <S, T> TableColumn<S, T> column(String title, Function<S, T> value, double width) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleObjectProperty<>(value.apply(c.getValue())));
        if (width > 0) {
            column.setPrefWidth(width);
        }
        return column;
    }

    /** A column of amounts of money, right-aligned with two decimals ({@link MoneyCell}). */
    public static <S> TableColumn<S, BigDecimal> moneyColumn(String title, Function<S, BigDecimal> value, double width) {
        TableColumn<S, BigDecimal> column = column(title, value, width);
        column.setCellFactory(c -> new MoneyCell<>());
        return column;
    }

    /** Double-clicking a row (not the empty space below the rows) runs {@code action} on its item. */
    public static <S> void onDoubleClick(TableView<S> table, Consumer<S> action) {
        table.setRowFactory(tv -> {
            TableRow<S> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    action.accept(row.getItem());
                }
            });
            return row;
        });
    }
}
