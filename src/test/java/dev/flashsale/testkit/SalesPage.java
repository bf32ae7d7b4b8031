package dev.flashsale.testkit;

import dev.flashsale.console.SaleRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

/** The Sales tab: the table of sales and the buttons above it. */
public final class SalesPage {

    /** One row of the sales table as the admin sees it; {@code status} as of now. */
    public record Sale(long id, String product, BigDecimal flashPrice, BigDecimal regularPrice, Instant startsAt,
                       Instant endsAt, String status) {
    }

    private final ConsoleDriver console;
    private final TableView<SaleRow> table;

    @SuppressWarnings("unchecked")
    SalesPage(ConsoleDriver console) {
        this.console = console;
        this.table = Fx.find(console.robot(), Ids.SALES_TABLE, TableView.class, "the Sales tab");
    }

    /** The rows shown (after the status filter and search), in the table's order. */
    public List<Sale> rows() {
        Instant now = Instant.now();
        return Fx.call(() -> table.getItems().stream().map(r -> new Sale(r.sale().id(), r.productName(),
                r.sale().flashPrice(), r.regularPrice(), r.sale().startsAt(), r.sale().endsAt(),
                r.sale().statusAt(now).name())).toList());
    }

    /** Waits until the table shows {@code n} rows. */
    public SalesPage waitForRows(int n) {
        Fx.waitUntil("the sales table shows " + n + " rows (it shows " + Fx.call(() -> table.getItems().size()) + ")",
                () -> table.getItems().size() == n);
        return this;
    }

    /** Opens the form for a new sale. */
    public SaleForm newSale() {
        click(Ids.NEW_SALE);
        return new SaleForm(console);
    }

    /** Opens the form for the first sale of {@code product}. */
    public SaleForm edit(String product) {
        select(product);
        click(Ids.EDIT_SALE);
        return new SaleForm(console);
    }

    /** Deletes the first sale of {@code product}, confirming, and waits until it is gone from the table. */
    public SalesPage delete(String product) {
        long id = select(product);
        click(Ids.DELETE_SALE);
        console.robot().clickOn("OK");
        Fx.waitUntil("sale #" + id + " is gone from the table",
                () -> table.getItems().stream().noneMatch(r -> r.sale().id() == id));
        return this;
    }

    /** The last outcome shown under the table, e.g. "Created sale #7.". */
    public String message() {
        Label l = Fx.find(console.robot(), Ids.SALES_MESSAGE, Label.class, "the Sales tab");
        return Fx.call(l::getText);
    }

    private long select(String product) {
        Fx.waitUntil("a sale of \"" + product + "\" is in the table",
                () -> table.getItems().stream().anyMatch(r -> r.productName().equals(product)));
        return Fx.call(() -> {
            SaleRow row = table.getItems().stream().filter(r -> r.productName().equals(product)).findFirst().orElseThrow();
            table.getSelectionModel().select(row);
            table.scrollTo(row);
            return row.sale().id();
        });
    }

    private void click(String id) {
        Button b = Fx.find(console.robot(), id, Button.class, "the Sales tab");
        Fx.waitUntil(id + " is enabled", () -> !b.isDisabled());
        console.robot().clickOn(b);
    }
}
