package dev.flashsale.console.sales;

import dev.flashsale.console.Countdown;
import dev.flashsale.console.SaleRow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The next days at a glance: one lane per product with sales, each sale a bar coloured by status,
 * a red line at "now", and each campaign as one band behind its sales, named above the lanes. Two
 * sales of one product would share a lane, so an overlap is plain to see. Clicking a bar selects
 * that sale.
 */
final class SaleTimeline extends Pane {
    private static final double LABEL_WIDTH = 150;
    private static final double LANE_HEIGHT = 26;
    private static final double HEADER = 22;
    /** Above the lanes when campaigns are shown: their names. */
    private static final double CAMPAIGN_ROW = 16;

    private final ObservableList<SaleRow> rows;
    private final SalesModel model;
    private final Consumer<SaleRow> onSelect;
    private double days = 7;
    private SaleRow selected;

    SaleTimeline(ObservableList<SaleRow> rows, SalesModel model, Consumer<SaleRow> onSelect) {
        this.rows = rows;
        this.model = model;
        this.onSelect = onSelect;
        setId("saleTimeline");
        setMinSize(300, 120);
        rows.addListener((ListChangeListener<SaleRow>) c -> redo());
        // Time passing moves the bars by a pixel every few minutes at the usual zoom: lay out again
        // only when something would visibly move (half a pixel) or a sale starts or ends, not on
        // every second's tick (with thousands of bars that was most of an idle console's CPU).
        model.nowProperty().addListener((o, before, now) -> {
            if (laidOutAt == null || now.isBefore(laidOutAt)
                    || Duration.between(laidOutAt, now).toMillis() >= millisPerPixel / 2
                    || (nextBoundary != null && !now.isBefore(nextBoundary))) {
                redo();
            }
        });
    }

    private Instant laidOutAt;
    private Instant nextBoundary;
    private double millisPerPixel = 1;

    void setDays(double d) {
        days = Math.max(1, d);
        redo();
    }

    void select(SaleRow row) {
        selected = row;
        redo();
    }

    /**
     * Layout passes also come from elsewhere (a countdown in the table beside it changes a cell's
     * text every second): this pane redoes its layout only when something it shows changed.
     */
    private boolean dirty = true;
    private double laidOutWidth = -1;

    private void redo() {
        dirty = true;
        requestLayout();
    }

    // Nodes are kept and moved, not rebuilt, as time passes: a bar under the mouse (its tooltip,
    // a click in progress) must not be replaced every second.
    private final Map<Long, Rectangle> bars = new HashMap<>();
    private final Map<String, Rectangle> campaignBands = new HashMap<>();
    private final Map<String, Label> campaignLabels = new HashMap<>();
    private final Map<Long, Label> laneLabels = new HashMap<>();
    private final Map<Instant, Label> dayLabels = new HashMap<>();
    private final Map<Instant, Line> dayLines = new HashMap<>();
    private final Line nowLine = new Line();
    private final Label none = new Label();

    {
        nowLine.getStyleClass().add("timeline-now");
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        if (w <= LABEL_WIDTH + 20 || (!dirty && w == laidOutWidth)) {
            return;
        }
        dirty = false;
        laidOutWidth = w;
        Instant now = model.nowProperty().get();
        Instant from = now.minus(Duration.ofHours(6));
        Instant to = now.plus(Duration.ofMillis((long) (days * 86_400_000L)));
        double span = Duration.between(from, to).toMillis();
        double plot = w - LABEL_WIDTH - 10;
        laidOutAt = now;
        millisPerPixel = span / plot;
        Instant boundary = null;
        ZoneId zone = model.zone();
        Set<Node> keep = new LinkedHashSet<>();

        // lanes: products with a sale in the window, in order of their first sale
        Map<Long, List<SaleRow>> lanes = new LinkedHashMap<>();
        rows.stream().filter(r -> r.sale().endsAt().isAfter(from) && r.sale().startsAt().isBefore(to))
                .sorted((a, b) -> a.sale().startsAt().compareTo(b.sale().startsAt()))
                .forEach(r -> lanes.computeIfAbsent(r.sale().productId(), k -> new ArrayList<>()).add(r));
        // campaigns: one band each, from its first sale's start to its last sale's end in the window
        Map<String, Instant[]> campaigns = new LinkedHashMap<>();
        for (List<SaleRow> sales : lanes.values()) {
            for (SaleRow r : sales) {
                if (!r.campaign().isEmpty()) {
                    Instant[] window = campaigns.computeIfAbsent(r.campaign(), k -> new Instant[] {r.sale().startsAt(),
                            r.sale().endsAt()});
                    window[0] = r.sale().startsAt().isBefore(window[0]) ? r.sale().startsAt() : window[0];
                    window[1] = r.sale().endsAt().isAfter(window[1]) ? r.sale().endsAt() : window[1];
                }
            }
        }
        double top = HEADER + (campaigns.isEmpty() ? 0 : CAMPAIGN_ROW);
        double height = top + Math.max(1, lanes.size()) * LANE_HEIGHT;

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

        for (Map.Entry<String, Instant[]> c : campaigns.entrySet()) {
            Instant s = c.getValue()[0].isBefore(from) ? from : c.getValue()[0];
            Instant e = c.getValue()[1].isAfter(to) ? to : c.getValue()[1];
            double x0 = LABEL_WIDTH + plot * Duration.between(from, s).toMillis() / span;
            double x1 = LABEL_WIDTH + plot * Duration.between(from, e).toMillis() / span;
            Rectangle band = campaignBands.computeIfAbsent(c.getKey(), k -> {
                Rectangle b = new Rectangle();
                b.getStyleClass().add("timeline-campaign-band");
                Tooltip.install(b, new Tooltip("Campaign " + k));
                return b;
            });
            band.setX(x0);
            band.setY(HEADER);
            band.setWidth(Math.max(3, x1 - x0));
            band.setHeight(height - HEADER);
            Label name = campaignLabels.computeIfAbsent(c.getKey(), k -> {
                Label l = new Label(k);
                l.getStyleClass().add("timeline-campaign-label");
                return l;
            });
            name.resizeRelocate(x0 + 3, HEADER, Math.max(40, x1 - x0 - 6), CAMPAIGN_ROW);
            keep.add(band);
            keep.add(name);
        }

        // Only the lanes in the scroll pane's viewport get nodes: with thousands of products, nodes
        // for every lane made each frame traverse thousands of bars (the renderer's idle CPU).
        double[] shown = visibleRange(height);
        int lane = 0;
        for (Map.Entry<Long, List<SaleRow>> e : lanes.entrySet()) {
            List<SaleRow> sales = e.getValue();
            double y = top + lane * LANE_HEIGHT;
            if (y + LANE_HEIGHT < shown[0] || y > shown[1]) {
                for (SaleRow r : sales) { // off screen: no nodes, but its boundaries still count
                    for (Instant t : new Instant[] {r.sale().startsAt(), r.sale().endsAt()}) {
                        if (t.isAfter(now) && (boundary == null || t.isBefore(boundary))) {
                            boundary = t;
                        }
                    }
                }
                lane++;
                continue;
            }
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
                String status = "timeline-bar-" + r.sale().statusAt(now);
                List<String> classes = selected != null && selected.sale().id() == r.sale().id()
                        ? List.of(status, "timeline-bar-selected") : List.of(status);
                if (!bar.getStyleClass().equals(classes)) { // a style change costs a CSS pass: only when it changes
                    bar.getStyleClass().setAll(classes);
                }
                keep.add(bar);
                for (Instant t : new Instant[] {r.sale().startsAt(), r.sale().endsAt()}) {
                    if (t.isAfter(now) && (boundary == null || t.isBefore(boundary))) {
                        boundary = t;
                    }
                }
            }
            lane++;
        }
        if (lanes.isEmpty()) {
            none.setText("No sales in the next " + (int) days + " days.");
            none.resizeRelocate(LABEL_WIDTH, top + 6, 300, 16);
            keep.add(none);
        }
        double nx = LABEL_WIDTH + plot * Duration.between(from, now).toMillis() / span;
        nowLine.setStartX(nx);
        nowLine.setEndX(nx);
        nowLine.setStartY(HEADER - 4);
        nowLine.setEndY(height);
        keep.add(nowLine);

        bars.values().removeIf(b -> !keep.contains(b));
        campaignBands.values().removeIf(b -> !keep.contains(b));
        campaignLabels.values().removeIf(l -> !keep.contains(l));
        laneLabels.values().removeIf(l -> !keep.contains(l));
        dayLabels.values().removeIf(l -> !keep.contains(l));
        dayLines.values().removeIf(l -> !keep.contains(l));
        getChildren().removeIf(n -> !keep.contains(n));
        for (Node n : keep) {
            if (n.getParent() != this) {
                getChildren().add(n);
            }
        }
        campaignBands.values().forEach(Node::toBack); // behind the bars they group
        nowLine.toFront();
        nextBoundary = boundary;
        setPrefHeight(height + 6);
    }

    private ScrollPane scrollPane;

    /** The y range of this pane that its scroll pane shows, with a lane's margin; all of it when not scrolled. */
    private double[] visibleRange(double height) {
        if (scrollPane == null) {
            for (Parent p = getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane sp) {
                    scrollPane = sp;
                    // The scroll pane sets a new (often equal) Bounds on each of its layouts: redo only
                    // when what is shown really moved, or this would lay out on every pulse.
                    sp.viewportBoundsProperty().addListener((o, a, b) -> {
                        if (a == null || Math.abs(a.getHeight() - b.getHeight()) >= 1
                                || Math.abs(a.getMinY() - b.getMinY()) >= 1) {
                            redo();
                        }
                    });
                    sp.vvalueProperty().addListener((o, a, b) -> redo());
                    break;
                }
            }
        }
        if (scrollPane == null || scrollPane.getViewportBounds().getHeight() <= 0) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        Bounds view = scrollPane.getViewportBounds();
        double top = Math.max(0, (height + 6 - view.getHeight()) * scrollPane.getVvalue());
        return new double[] {top - LANE_HEIGHT, top + view.getHeight() + LANE_HEIGHT};
    }

    private String describe(long saleId) {
        Instant now = model.nowProperty().get();
        return rows.stream().filter(r -> r.sale().id() == saleId).findFirst()
                .map(r -> r.productName() + "\n" + r.sale().flashPrice() + "  " + Countdown.of(r.sale(), now))
                .orElse("");
    }
}
