package dev.flashsale.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The next days at a glance: one lane per product with sales, each sale a bar coloured by status,
 * a red line at "now". Two sales of one product would share a lane, so an overlap is plain to see.
 * Clicking a bar selects that sale.
 */
final class SaleTimeline extends Pane {
    private static final double LABEL_WIDTH = 150;
    private static final double LANE_HEIGHT = 26;
    private static final double HEADER = 22;

    private final ObservableList<SaleRow> rows;
    private final CatalogModel model;
    private final Consumer<SaleRow> onSelect;
    private double days = 7;
    private SaleRow selected;

    SaleTimeline(ObservableList<SaleRow> rows, CatalogModel model, Consumer<SaleRow> onSelect) {
        this.rows = rows;
        this.model = model;
        this.onSelect = onSelect;
        setId("saleTimeline");
        setMinSize(300, 120);
        rows.addListener((ListChangeListener<SaleRow>) c -> requestLayout());
        model.nowProperty().addListener(o -> requestLayout());
    }

    void setDays(double d) {
        days = Math.max(1, d);
        requestLayout();
    }

    void select(SaleRow row) {
        selected = row;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        getChildren().clear();
        double w = getWidth();
        if (w <= LABEL_WIDTH + 20) {
            return;
        }
        Instant now = model.nowProperty().get();
        Instant from = now.minus(Duration.ofHours(6));
        Instant to = now.plus(Duration.ofMillis((long) (days * 86_400_000L)));
        double span = Duration.between(from, to).toMillis();
        double plot = w - LABEL_WIDTH - 10;
        ZoneId zone = model.zone();

        // day grid
        DateTimeFormatter dayFmt = DateTimeFormatter.ofPattern("EEE d MMM", Locale.getDefault()).withZone(zone);
        Instant day = from.atZone(zone).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
        double height = Math.max(getHeight(), HEADER + LANE_HEIGHT);
        while (day.isBefore(to)) {
            double x = LABEL_WIDTH + plot * Duration.between(from, day).toMillis() / span;
            Line grid = new Line(x, HEADER - 4, x, height);
            grid.getStyleClass().add("timeline-grid");
            Label l = new Label(dayFmt.format(day));
            l.getStyleClass().add("timeline-lane-label");
            l.relocate(x + 3, 2);
            l.resize(110, 16);
            getChildren().addAll(grid, l);
            day = day.plus(Duration.ofDays(days > 14 ? 7 : 1));
        }

        // lanes: products with a sale in the window, in order of their first sale
        Map<Long, List<SaleRow>> lanes = new LinkedHashMap<>();
        rows.stream().filter(r -> r.sale().endsAt().isAfter(from) && r.sale().startsAt().isBefore(to))
                .sorted((a, b) -> a.sale().startsAt().compareTo(b.sale().startsAt()))
                .forEach(r -> lanes.computeIfAbsent(r.sale().productId(), k -> new ArrayList<>()).add(r));
        int lane = 0;
        for (List<SaleRow> sales : lanes.values()) {
            double y = HEADER + lane * LANE_HEIGHT;
            Label name = new Label(sales.get(0).productName());
            name.getStyleClass().add("timeline-lane-label");
            name.setMaxWidth(LABEL_WIDTH - 8);
            name.relocate(4, y + 5);
            name.resize(LABEL_WIDTH - 8, 16);
            getChildren().add(name);
            for (SaleRow r : sales) {
                Instant s = r.sale().startsAt().isBefore(from) ? from : r.sale().startsAt();
                Instant e = r.sale().endsAt().isAfter(to) ? to : r.sale().endsAt();
                double x0 = LABEL_WIDTH + plot * Duration.between(from, s).toMillis() / span;
                double x1 = LABEL_WIDTH + plot * Duration.between(from, e).toMillis() / span;
                Rectangle bar = new Rectangle(x0, y + 4, Math.max(3, x1 - x0), LANE_HEIGHT - 8);
                bar.setArcWidth(6);
                bar.setArcHeight(6);
                bar.getStyleClass().add("timeline-bar-" + r.sale().statusAt(now));
                if (r == selected || (selected != null && selected.sale().id() == r.sale().id())) {
                    bar.getStyleClass().add("timeline-bar-selected");
                }
                Tooltip.install(bar, new Tooltip(r.productName() + "\n" + r.sale().flashPrice() + " "
                        + Countdown.of(r.sale(), now)));
                bar.setOnMouseClicked(ev -> onSelect.accept(r));
                getChildren().add(bar);
            }
            lane++;
        }
        if (lanes.isEmpty()) {
            Label none = new Label("No sales in the next " + (int) days + " days.");
            none.relocate(LABEL_WIDTH, HEADER + 6);
            none.resize(300, 16);
            getChildren().add(none);
        }
        double nx = LABEL_WIDTH + plot * Duration.between(from, now).toMillis() / span;
        Line nowLine = new Line(nx, HEADER - 4, nx, HEADER + Math.max(1, lanes.size()) * LANE_HEIGHT);
        nowLine.getStyleClass().add("timeline-now");
        getChildren().add(nowLine);
        setPrefHeight(HEADER + Math.max(1, lanes.size()) * LANE_HEIGHT + 6);
    }
}
