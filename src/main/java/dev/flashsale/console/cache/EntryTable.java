package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheEntrySnapshot;
import dev.flashsale.storefront.StorefrontJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Cache page's entries table: the rows shown, diffed against each snapshot of the cache off the
 * FX thread ({@link #diff}), filtered and sorted there too, and what a bulk invalidation of some of
 * them would cost ({@link Impact}). The FX thread only swaps in a finished view ({@link #show}).
 */
final class EntryTable {

    static final int PREVIEW_CHARS = 400; // a price or status answer whole; a long listing cut
    static final int MARK_SLOTS = 6;
    static final long SLOT_MILLIS = 10_000;

    /** The columns the table can be sorted by. */
    public enum SortColumn { KEY, NAMESPACE, VALUE, AGE, TTL, HITS }

    /** How the table is sorted: a column and a direction, or none (insertion order). */
    public record Sort(SortColumn column, boolean ascending) {
    }

    /** What a bulk invalidation would remove: entries, and the hits they served in about the last minute. */
    public record Impact(int entries, long recentHits) {
        /** The sentence a confirmation shows. */
        public String describe() {
            return String.format(Locale.ROOT, "%,d %s will go; %s served %,d %s in the last minute. The next requests"
                    + " for %s will go to the store (the database).", entries, entries == 1 ? "entry" : "entries",
                    entries == 1 ? "it" : "they", recentHits, recentHits == 1 ? "hit" : "hits", entries == 1 ? "it" : "them");
        }
    }

    /** What one diff found: the new view (null when the order shown stands) and the namespaces (null: unchanged). */
    record Diff(CacheEntryRow[] view, List<String> namespaces) {
    }

    // ---- FX-thread state
    private final ObservableList<CacheEntryRow> view = FXCollections.observableArrayList();
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private Runnable beforeViewChange = () -> { };
    private Runnable afterViewChange = () -> { };

    // ---- set from the FX thread, read by the refresh thread
    private volatile Sort sort;
    private volatile String filter = "";
    private volatile boolean viewDirty = true;
    private volatile long viewPeriodNanos = 1_000_000_000L;
    /** Every row, published with each new view, for the impact of a bulk invalidation (read on the FX thread). */
    private volatile CacheEntryRow[] allRows = new CacheEntryRow[0];

    // ---- refresh-thread state (touched only by the one thread calling diff())
    private static final class Shown {
        final CacheEntryRow row;
        final String key;
        final String namespace;
        Object value;
        String preview;
        Instant writtenAt;
        Instant expiresAt;
        long hits;
        int generation;
        final long order;
        /**
         * Hits gained in each of the last six 10-second slots, indexed by slot % 6; made on the
         * entry's first recent hit, so entries nobody reads cost nothing here.
         */
        int[] gains;
        long gainSlot;

        Shown(CacheEntryRow row, CacheEntrySnapshot e, String preview, long order) {
            this.row = row;
            this.key = e.key();
            this.namespace = e.namespace();
            this.value = e.value();
            this.preview = preview;
            this.writtenAt = e.writtenAt();
            this.expiresAt = e.expiresAt();
            this.hits = e.hits();
            this.order = order;
        }
    }

    private final Map<String, Shown> shown = new HashMap<>();
    private int generation;
    private long insertionCounter;
    private boolean firstDiff = true;
    private boolean viewStale;
    private long lastViewNanos;
    private List<String> lastNamespaces = List.of();

    /** How often background changes may re-order the table (tests use 0: every refresh). */
    void setViewPeriod(Duration period) {
        viewPeriodNanos = period.toNanos();
    }

    /** The next refresh shows a new view: a user acted, and should see the effect at once. */
    void touched() {
        viewDirty = true;
    }

    /**
     * Snapshots convert the cache's monotonic times to instants with two clock reads, so the same
     * entry's instants jitter by microseconds between snapshots: only a real change counts.
     */
    private static boolean moved(Instant shown, Instant now) {
        return Math.abs(Duration.between(shown, now).toNanos()) > 2_000_000L;
    }

    /** Off the FX thread: diff {@code snapshot} against what is shown. One caller thread at a time. */
    Diff diff(List<CacheEntrySnapshot> snapshot, long nowMillis) {
        int gen = ++generation;
        long slot = nowMillis / SLOT_MILLIS;
        boolean structural = false;
        boolean orderTouched = false;
        Set<String> nsSeen = new TreeSet<>();
        for (CacheEntrySnapshot e : snapshot) {
            nsSeen.add(e.namespace());
            Shown s = shown.get(e.key());
            if (s == null) {
                String preview = preview(e.value());
                CacheEntryRow row = new CacheEntryRow(e.key(), e.namespace(), e.value(), preview,
                        e.writtenAt(), e.expiresAt(), e.hits());
                s = new Shown(row, e, preview, insertionCounter++);
                // Hits before the panel's first look are of unknown age: not recent. Later, an entry's
                // hits before its first refresh (a fraction of a second) are.
                gained(s, firstDiff ? 0 : e.hits(), slot);
                shown.put(e.key(), s);
                structural = true;
            } else if (s.value != e.value() || moved(s.writtenAt, e.writtenAt()) || s.hits != e.hits()) {
                // A rewritten entry counts its hits from 0 again.
                gained(s, e.hits() >= s.hits ? e.hits() - s.hits : e.hits(), slot);
                // A new value object means the entry was written again, even within the same instant.
                boolean rewritten = s.value != e.value();
                if (rewritten) {
                    s.value = e.value();
                    s.preview = preview(e.value());
                }
                boolean timesMoved = rewritten || moved(s.writtenAt, e.writtenAt());
                // Written here, read by the cells on their next tick: no FX-thread work per row.
                s.row.update(e.value(), rewritten ? s.preview : null, timesMoved ? e.writtenAt() : null,
                        timesMoved ? e.expiresAt() : null, e.hits());
                if (timesMoved) {
                    s.writtenAt = e.writtenAt();
                    s.expiresAt = e.expiresAt();
                }
                s.hits = e.hits();
                orderTouched = true;
            } else {
                gained(s, 0, slot); // no new hits: older ones still slide out of the minute
            }
            s.generation = gen;
        }
        firstDiff = false;
        for (Iterator<Shown> it = shown.values().iterator(); it.hasNext(); ) {
            if (it.next().generation != gen) {
                it.remove();
                structural = true;
            }
        }
        List<String> ns = new ArrayList<>(nsSeen);
        List<String> nsChange = ns.equals(lastNamespaces) ? null : ns;
        lastNamespaces = ns;
        return new Diff(newView(structural, orderTouched), nsChange);
    }

    /**
     * Replacing the table's 100,000-row list is the costliest thing the FX thread does here, so
     * background churn re-orders it at most once a second; a user's action does so at once.
     */
    private CacheEntryRow[] newView(boolean structural, boolean orderTouched) {
        Sort currentSort = sort;
        boolean sortByChangingColumn = currentSort != null && currentSort.column() != SortColumn.KEY
                && currentSort.column() != SortColumn.NAMESPACE;
        viewStale |= structural || (orderTouched && sortByChangingColumn);
        long nowNanos = System.nanoTime();
        if (!viewDirty && !(viewStale && nowNanos - lastViewNanos >= viewPeriodNanos)) {
            return null;
        }
        viewDirty = false;
        viewStale = false;
        lastViewNanos = nowNanos;
        CacheEntryRow[] all = new CacheEntryRow[shown.size()];
        int i = 0;
        for (Shown x : shown.values()) {
            all[i++] = x.row;
        }
        allRows = all;
        return view(currentSort, filter);
    }

    /** Filtered and sorted here, off the FX thread: the table only gets the finished order. */
    private CacheEntryRow[] view(Sort s, String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        List<Shown> list = new ArrayList<>(shown.size());
        for (Shown x : shown.values()) {
            if (needle.isEmpty() || x.key.toLowerCase(Locale.ROOT).contains(needle)) {
                list.add(x);
            }
        }
        list.sort(comparator(s));
        CacheEntryRow[] out = new CacheEntryRow[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).row;
        }
        return out;
    }

    private static Comparator<Shown> comparator(Sort s) {
        Comparator<Shown> byOrder = Comparator.comparingLong(x -> x.order);
        if (s == null) {
            return byOrder;
        }
        Comparator<Shown> c = switch (s.column()) {
            case KEY -> Comparator.comparing(x -> x.key);
            case NAMESPACE -> Comparator.comparing(x -> x.namespace);
            case VALUE -> Comparator.comparing(x -> x.preview);
            case AGE -> Comparator.comparing((Shown x) -> x.writtenAt).reversed();
            case TTL -> Comparator.comparing(x -> x.expiresAt);
            case HITS -> Comparator.comparingLong(x -> x.hits);
        };
        return (s.ascending() ? c : c.reversed()).thenComparing(byOrder);
    }

    /** Adds {@code delta} hits to the current 10 s slot and publishes the hits of the last six slots. */
    private static void gained(Shown s, long delta, long slot) {
        if (s.gains == null) {
            if (delta <= 0) {
                return;
            }
            s.gains = new int[MARK_SLOTS];
            s.gainSlot = slot;
        }
        if (slot > s.gainSlot) {
            for (long k = Math.max(s.gainSlot + 1, slot - MARK_SLOTS + 1); k <= slot; k++) {
                s.gains[(int) Math.floorMod(k, (long) MARK_SLOTS)] = 0; // a slot that starts again
            }
            s.gainSlot = slot;
        }
        int i = (int) Math.floorMod(slot, (long) MARK_SLOTS);
        s.gains[i] = (int) Math.min(Integer.MAX_VALUE, s.gains[i] + delta);
        long sum = 0;
        for (int g : s.gains) {
            sum += g;
        }
        s.row.setRecentHits(sum);
    }

    /** The value as the storefront serves it (its JSON), on one line. */
    static String preview(Object value) {
        String s = StorefrontJson.of(value).replace('\n', ' ');
        return s.length() <= PREVIEW_CHARS ? s : s.substring(0, PREVIEW_CHARS) + "…";
    }

    /** On the FX thread: swap in what {@link #diff} found. */
    void show(Diff d) {
        if (d.view() != null) {
            beforeViewChange.run();
            view.setAll(Arrays.asList(d.view()));
            afterViewChange.run();
        }
        if (d.namespaces() != null) {
            namespaces.setAll(d.namespaces());
        }
    }

    /** Hooks around a replacement of the view, for the table to keep its selection. */
    public void setBeforeViewChange(Runnable r) {
        beforeViewChange = r;
    }

    public void setAfterViewChange(Runnable r) {
        afterViewChange = r;
    }

    /** FX thread: the table's sort changed (null: unsorted). Applied on the next refresh. */
    public void setSort(Sort s) {
        sort = s;
        viewDirty = true;
    }

    /** FX thread: show only keys containing {@code text}. Applied on the next refresh. */
    public void setFilter(String text) {
        filter = text == null ? "" : text;
        viewDirty = true;
    }

    /** The table's items: filtered and sorted as last requested. */
    public ObservableList<CacheEntryRow> rows() {
        return FXCollections.unmodifiableObservableList(view);
    }

    public ObservableList<String> namespaces() {
        return FXCollections.unmodifiableObservableList(namespaces);
    }

    /** The impact of clearing the cache, as of the last refresh. */
    public Impact impactOfAll() {
        return impact(r -> true);
    }

    public Impact impactOfNamespace(String namespace) {
        return impact(r -> r.namespace().equals(namespace));
    }

    public Impact impactOf(List<CacheEntryRow> rows) {
        long hits = 0;
        for (CacheEntryRow r : rows) {
            hits += r.recentHits();
        }
        return new Impact(rows.size(), hits);
    }

    /** Shared-tier keys: how many go, and the hits this process's entries of those keys served lately. */
    public Impact impactOfKeys(List<String> keys) {
        Set<String> set = new HashSet<>(keys);
        return new Impact(keys.size(), impact(r -> set.contains(r.key())).recentHits());
    }

    private Impact impact(Predicate<CacheEntryRow> which) {
        int n = 0;
        long hits = 0;
        for (CacheEntryRow r : allRows) {
            if (which.test(r)) {
                n++;
                hits += r.recentHits();
            }
        }
        return new Impact(n, hits);
    }
}
