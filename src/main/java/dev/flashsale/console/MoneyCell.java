package dev.flashsale.console;

import dev.flashsale.sale.Money;
import java.math.BigDecimal;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;

/** A price in a table: two decimals, right-aligned. */
final class MoneyCell<S> extends TableCell<S, BigDecimal> {
    @Override
    protected void updateItem(BigDecimal v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty || v == null ? null : Money.format(v));
        setAlignment(Pos.CENTER_RIGHT);
    }
}
