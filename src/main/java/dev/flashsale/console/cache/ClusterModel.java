package dev.flashsale.console.cache;

import dev.flashsale.cluster.Cluster;
import dev.flashsale.cluster.NodeFigures;
import dev.flashsale.cluster.SharedEntry;
import java.util.List;
import java.util.function.LongSupplier;
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
    record Snapshot(boolean redisUp, List<NodeFigures> nodes, List<SharedEntry> shared, long readAtNanos) {
    }

    private final Cluster cluster;
    private final LongSupplier nanoTime;
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
        this.cluster = cluster;
        this.nanoTime = nanoTime;
        this.clustered = new ReadOnlyBooleanWrapper(cluster != null);
        status.set(cluster == null ? "No cluster" : "Cluster " + cluster.name() + ", Redis "
                + (cluster.redisUp() ? "UP" : "DOWN"));
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
        List<SharedEntry> entries = up && scopeForReads == Scope.SHARED ? cluster.sharedEntries(null, SHARED_LIMIT)
                : List.of();
        return new Snapshot(up, live, entries, nanoTime.getAsLong());
    }

    /** FX thread: puts a snapshot on screen. */
    void apply(Snapshot s) {
        if (s == null) {
            return;
        }
        status.set("Cluster " + cluster.name() + ", Redis " + (s.redisUp() ? "UP" : "DOWN") + ", "
                + s.nodes().size() + " node" + (s.nodes().size() == 1 ? "" : "s"));
        List<NodeRow> rows = s.nodes().stream().map(f -> new NodeRow(f, f.id().equals(cluster.nodeId()))).toList();
        if (!rows.equals(nodes)) {
            nodes.setAll(rows);
        }
        if (scope.get() == Scope.SHARED && !holdShared) {
            shared.setAll(s.shared().stream()
                    .map(e -> new SharedEntryRow(e.key(), e.ttlMillis(), e.bytes(), s.readAtNanos())).toList());
        }
    }
}
