package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheStats;
import dev.flashsale.cluster.Cluster;
import dev.flashsale.cluster.NodeFigures;
import dev.flashsale.cluster.SharedEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The cluster as the Cache tab shows it: the live nodes, the shared tier's entries when that scope
 * is chosen, and a one-line state for the status bar. Reads of Redis happen in {@link #prepare()}
 * (off the FX thread); {@link #apply} puts the result on screen. Without a cluster it says how to
 * join one, and the shared scope cannot be chosen.
 */
public final class ClusterModel {

    /** What the Cache tab's entries table lists. */
    public enum Scope {
        THIS_PROCESS("This process"), SHARED("Shared tier (Redis)");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The most entries the shared-tier table lists (the rest are counted, not shown). */
    static final int SHARED_LIMIT = 10_000;

    /** What one refresh read from Redis. */
    record Snapshot(boolean redisUp, Set<String> refusedByAcl, List<NodeFigures> nodes, List<SharedEntry> shared,
                    long readAtNanos) {
    }

    /** Whose figures the Cache tab's tiles and charts show: the cluster's sums, or one node's. */
    public record FigureView(String nodeId, String label) {
        static final FigureView CLUSTER = new FigureView(null, "Whole cluster");

        @Override
        public String toString() {
            return label;
        }
    }

    private final Cluster cluster;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final ClusterTotals totals = new ClusterTotals();
    private final ObservableList<FigureView> views = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FigureView> view = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper figuresNote = new ReadOnlyStringWrapper("");
    private Consumer<Supplier<CacheFigures.Totals>> figureSink = s -> { };
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<SharedEntryRow> shared = FXCollections.observableArrayList();
    private final FilteredList<SharedEntryRow> visibleShared =
            new FilteredList<>(shared);
    private final ReadOnlyObjectWrapper<Scope> scope = new ReadOnlyObjectWrapper<>(Scope.THIS_PROCESS);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper clustered;
    private volatile Scope scopeForReads = Scope.THIS_PROCESS;
    private boolean holdShared;

    public ClusterModel(Cluster cluster, LongSupplier nanoTime) {
        this(cluster, nanoTime, Clock.systemUTC());
    }

    public ClusterModel(Cluster cluster, LongSupplier nanoTime, Clock clock) {
        this.cluster = cluster;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.clustered = new ReadOnlyBooleanWrapper(cluster != null);
        status.set(cluster == null ? "No cluster" : "Cluster " + cluster.name() + ", Redis "
                + (cluster.redisUp() ? "UP" : "DOWN"));
        if (cluster != null) {
            views.add(FigureView.CLUSTER);
            view.set(FigureView.CLUSTER);
        }
    }

    /**
     * FX thread: where the figures go ({@link CachePanelModel#showFiguresOf}); told at once what the
     * view chosen now is. In a cluster the figures start as the cluster's.
     */
    public void sendFiguresTo(Consumer<Supplier<CacheFigures.Totals>> sink) {
        this.figureSink = sink;
        sink.accept(figureSource(view.get()));
    }

    /** FX thread: shows the cluster's figures ({@link FigureView#CLUSTER}) or one node's. */
    public void chooseFigures(FigureView v) {
        if (cluster == null || v == null || v.equals(view.get())) {
            return;
        }
        view.set(v);
        figureSink.accept(figureSource(v));
        figuresNote.set(note(totals.sums()));
    }

    /** Null (this process's own cache, refreshed four times a second) for this console's node and without a cluster. */
    private Supplier<CacheFigures.Totals> figureSource(FigureView v) {
        if (cluster == null || v == null || cluster.nodeId().equals(v.nodeId())) {
            return null;
        }
        if (v.nodeId() == null) {
            return () -> {
                ClusterTotals.Sums s = totals.sums();
                return new CacheFigures.Totals(s.stats(), s.entries(), s.update());
            };
        }
        String id = v.nodeId();
        return () -> {
            long update = totals.updates();
            ClusterTotals.Known k = totals.node(id);
            return k == null ? new CacheFigures.Totals(CacheStats.EMPTY, 0, update)
                    : new CacheFigures.Totals(k.figures().stats(), k.reporting() ? k.figures().entries() : 0, update);
        };
    }

    /** The choices of the figures' view: the whole cluster, then each node known. */
    public ObservableList<FigureView> views() {
        return FXCollections.unmodifiableObservableList(views);
    }

    public ReadOnlyObjectProperty<FigureView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    /** What the figures are of: "3 nodes" (and how many are silent), or one node's state; empty without a cluster. */
    public ReadOnlyStringProperty figuresNoteProperty() {
        return figuresNote.getReadOnlyProperty();
    }

    public ObservableList<NodeRow> nodes() {
        return FXCollections.unmodifiableObservableList(nodes);
    }

    /** The shared tier's entries shown: those whose key contains the filter text. */
    public ObservableList<SharedEntryRow> shared() {
        return visibleShared;
    }

    /** FX thread: shows only shared entries whose key contains {@code text} (the Cache tab's filter). */
    public void setFilter(String text) {
        String t = text == null ? "" : text.strip();
        visibleShared.setPredicate(t.isEmpty() ? null : r -> r.key().contains(t));
    }

    public ReadOnlyObjectProperty<Scope> scopeProperty() {
        return scope.getReadOnlyProperty();
    }

    /** "Cluster flashsale, Redis UP" or "No cluster", for the status bar. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty clusteredProperty() {
        return clustered.getReadOnlyProperty();
    }

    /** What the nodes table says when it is empty. */
    public String placeholder() {
        return cluster == null
                ? "One process: start nodes and this console with --redis redis://HOST:PORT to see them here."
                : "Redis is DOWN: the nodes cannot be listed until it is back.";
    }

    /**
     * FX thread: while the user has shared rows selected, the list is not replaced (a replaced
     * list loses the selection, a second before the user reaches the invalidate button).
     */
    public void holdShared(boolean hold) {
        this.holdShared = hold;
    }

    /** FX thread: switches the entries table; the shared scope only in a cluster. */
    public void choose(Scope s) {
        Scope chosen = s == null || cluster == null ? Scope.THIS_PROCESS : s;
        scope.set(chosen);
        scopeForReads = chosen;
        if (chosen == Scope.THIS_PROCESS) {
            shared.clear();
        }
    }

    /** Off the FX thread: reads the registry (and the shared tier when it is shown); null without a cluster. */
    Snapshot prepare() {
        if (cluster == null) {
            return null;
        }
        boolean up = cluster.redisUp();
        List<NodeFigures> live = up ? cluster.nodes() : List.of();
        // while Redis is down no node can report: they all show as silent, their counters kept
        totals.update(live, clock.instant());
        List<SharedEntry> entries = up && scopeForReads == Scope.SHARED ? cluster.sharedEntries(null, SHARED_LIMIT)
                : List.of();
        return new Snapshot(up, up ? cluster.redisRefusedByAcl() : Set.of(), live, entries, nanoTime.getAsLong());
    }

    private String note(ClusterTotals.Sums sums) {
        FigureView v = view.get();
        if (v == null || v.nodeId() == null) {
            return sums.reporting() + " node" + (sums.reporting() == 1 ? "" : "s") + " reporting"
                    + (sums.silent() == 0 ? "" : ", " + sums.silent() + " silent (last figures kept)");
        }
        ClusterTotals.Known k = totals.node(v.nodeId());
        return k == null ? "" : k.reporting() ? "" : "silent: its last figures";
    }

    /** FX thread: puts a snapshot on screen. */
    void apply(Snapshot s) {
        if (s == null) {
            return;
        }
        ClusterTotals.Sums sums = totals.sums();
        status.set("Cluster " + cluster.name() + ", Redis " + (s.redisUp() ? "UP" : "DOWN")
                + (s.refusedByAcl().isEmpty() ? "" : " (ACL refuses " + String.join(", ",
                        s.refusedByAcl()) + ")") + ", "
                + sums.reporting() + " node" + (sums.reporting() == 1 ? "" : "s")
                + (sums.silent() == 0 ? "" : " (" + sums.silent() + " silent)"));
        List<NodeRow> rows = new ArrayList<>();
        for (ClusterTotals.Known k : totals.nodes()) {
            rows.add(new NodeRow(k.figures(), k.figures().id().equals(cluster.nodeId()), k.silentSince(), false));
        }
        if (!rows.isEmpty()) {
            NodeFigures all = new NodeFigures("Total", "", "", 0, "", null, sums.stats(), sums.entries(),
                    sums.requestsPerSecond(), "");
            rows.add(new NodeRow(all, false, null, true));
        }
        if (!rows.equals(nodes)) {
            nodes.setAll(rows);
        }
        List<FigureView> choices = new ArrayList<>(List.of(FigureView.CLUSTER));
        for (ClusterTotals.Known k : totals.nodes()) {
            String id = k.figures().id();
            choices.add(new FigureView(id, id.equals(cluster.nodeId()) ? "This console" : "Node " + id));
        }
        FigureView chosen = view.get();
        if (!choices.equals(views)) {
            views.setAll(choices);
        }
        if (chosen != null && !choices.contains(chosen)) {
            chooseFigures(FigureView.CLUSTER); // the node shown was forgotten
        } else if (!Objects.equals(view.get(), chosen)) {
            view.set(chosen); // a ChoiceBox clears its value when its items are replaced
        }
        figuresNote.set(note(sums));
        if (scope.get() == Scope.SHARED && !holdShared) {
            shared.setAll(s.shared().stream()
                    .map(e -> new SharedEntryRow(e.key(), e.ttlMillis(), e.bytes(), s.readAtNanos())).toList());
        }
    }
}
