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

    // Nodes are kept and moved, not rebuilt, as time passes: a bar under the mouse (its tooltip,
    // a click in progress) must not be replaced every second.
    private final Map<Long, Rectangle> bars = new java.util.HashMap<>();
    private final Map<Long, Label> laneLabels = new java.util.HashMap<>();
    private final Map<Instant, Label> dayLabels = new java.util.HashMap<>();
    private final Map<Instant, Line> dayLines = new java.util.HashMap<>();
    private final Line nowLine = new Line();
    private final Label none = new Label();

    {
        nowLine.getStyleClass().add("timeline-now");
    }

    @Override
    protected void layoutChildren() {
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
        java.util.Set<javafx.scene.Node> keep = new java.util.LinkedHashSet<>();

        // lanes: products with a sale in the window, in order of their first sale
        Map<Long, List<SaleRow>> lanes = new LinkedHashMap<>();
        rows.stream().filter(r -> r.sale().endsAt().isAfter(from) && r.sale().startsAt().isBefore(to))
                .sorted((a, b) -> a.sale().startsAt().compareTo(b.sale().startsAt()))
                .forEach(r -> lanes.computeIfAbsent(r.sale().productId(), k -> new ArrayList<>()).add(r));
        double height = HEADER + Math.max(1, lanes.size()) * LANE_HEIGHT;

        // day grid
        DateTimeFormatter dayFmt = DateTimeFormatter.ofPattern("EEE d MMM", Locale.getDefault()).withZone(zone);
        Instant day = from.atZone(zone).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
        while (day.isBefore(to)) {
            double x = LABEL_WIDTH + plot * Duration.between(from, day).toMillis() / span;
            Instant d = day;
            Line grid = dayLines.computeIfAbsent(d, k -> {
                Line l = new Line();
                l.getStyleClass().add("timeline-grid");
                return l;
            });
            grid.setStartX(x);
            grid.setEndX(x);
            grid.setStartY(HEADER - 4);
            grid.setEndY(height);
            Label l = dayLabels.computeIfAbsent(d, k -> {
                Label label = new Label(dayFmt.format(k));
                label.getStyleClass().add("timeline-lane-label");
                return label;
            });
            l.resizeRelocate(x + 3, 2, 110, 16);
            keep.add(grid);
            keep.add(l);
            day = day.plus(Duration.ofDays(days > 14 ? 7 : 1));
        }

        int lane = 0;
        for (Map.Entry<Long, List<SaleRow>> e : lanes.entrySet()) {
            List<SaleRow> sales = e.getValue();
            double y = HEADER + lane * LANE_HEIGHT;
            Label name = laneLabels.computeIfAbsent(e.getKey(), k -> {
                Label label = new Label();
                label.getStyleClass().add("timeline-lane-label");
                return label;
            });
            name.setText(sales.get(0).productName());
            name.resizeRelocate(4, y + 5, LABEL_WIDTH - 8, 16);
            keep.add(name);
            for (SaleRow r : sales) {
                Instant s = r.sale().startsAt().isBefore(from) ? from : r.sale().startsAt();
                Instant end = r.sale().endsAt().isAfter(to) ? to : r.sale().endsAt();
                double x0 = LABEL_WIDTH + plot * Duration.between(from, s).toMillis() / span;
                double x1 = LABEL_WIDTH + plot * Duration.between(from, end).toMillis() / span;
                Rectangle bar = bars.computeIfAbsent(r.sale().id(), id -> {
                    Rectangle b = new Rectangle();
                    b.setArcWidth(6);
                    b.setArcHeight(6);
                    Tooltip tip = new Tooltip();
                    tip.setOnShowing(ev -> tip.setText(describe(id)));
                    Tooltip.install(b, tip);
                    b.setOnMouseClicked(ev -> rows.stream().filter(x -> x.sale().id() == id).findFirst()
                            .ifPresent(onSelect));
                    return b;
                });
                bar.setX(x0);
                bar.setY(y + 4);
                bar.setWidth(Math.max(3, x1 - x0));
                bar.setHeight(LANE_HEIGHT - 8);
                bar.getStyleClass().setAll("timeline-bar-" + r.sale().statusAt(now));
                if (selected != null && selected.sale().id() == r.sale().id()) {
                    bar.getStyleClass().add("timeline-bar-selected");
                }
                keep.add(bar);
            }
            lane++;
        }
        if (lanes.isEmpty()) {
            none.setText("No sales in the next " + (int) days + " days.");
            none.resizeRelocate(LABEL_WIDTH, HEADER + 6, 300, 16);
            keep.add(none);
        }
        double nx = LABEL_WIDTH + plot * Duration.between(from, now).toMillis() / span;
        nowLine.setStartX(nx);
        nowLine.setEndX(nx);
        nowLine.setStartY(HEADER - 4);
        nowLine.setEndY(height);
        keep.add(nowLine);

        bars.values().removeIf(b -> !keep.contains(b));
        laneLabels.values().removeIf(l -> !keep.contains(l));
        dayLabels.values().removeIf(l -> !keep.contains(l));
        dayLines.values().removeIf(l -> !keep.contains(l));
        getChildren().removeIf(n -> !keep.contains(n));
        for (javafx.scene.Node n : keep) {
            if (n.getParent() != this) {
                getChildren().add(n);
            }
        }
        nowLine.toFront();
        setPrefHeight(height + 6);
    }

    private String describe(long saleId) {
        Instant now = model.nowProperty().get();
        return rows.stream().filter(r -> r.sale().id() == saleId).findFirst()
                .map(r -> r.productName() + "\n" + r.sale().flashPrice() + "  " + Countdown.of(r.sale(), now))
                .orElse("");
    }
}
