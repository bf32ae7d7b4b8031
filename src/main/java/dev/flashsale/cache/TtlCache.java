package dev.flashsale.cache;

import dev.flashsale.concurrent.Daemons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared in-memory TTL cache the storefront reads through and the console watches.
 *
 * <h2>Why a hit is nearly as cheap as a bare map lookup</h2>
 * A hit does four things: one {@link ConcurrentHashMap#get}, one read of the ticker's
 * {@linkplain Ticker#approximate() coarse time} (a {@code volatile long} kept current by one
 * daemon thread, instead of a {@code System.nanoTime()} call that costs more than the lookup),
 * one single-writer store to the calling thread's own hit counter (no atomic instruction, no shared
 * cache line), and a read of the node's {@code meta} word, which is written only while the node
 * is new or unreferenced and then once per 64 hits. Nothing on that path takes a lock, allocates,
 * or fires an event.
 *
 * <h2>Why the coarse clock does not cost TTL precision</h2>
 * The coarse time is trusted only while a node's deadline is more than
 * {@link #FRESHNESS_GUARD_NANOS} away. In the last 200 ms of a node's life every read takes the
 * precise clock, so an entry is gone exactly at its deadline. The coarse time lags by about one
 * millisecond; it could lag by more than the guard only if its thread were not scheduled for
 * 200 ms while readers were (for example in the first millisecond after a stop-the-world pause
 * longer than that), and then an entry could be served for at most (lag - 200 ms) after its
 * deadline.
 *
 * <h2>Other rules</h2>
 * <ul>
 *   <li>Keys are {@code namespace:rest}; writes reject other keys, reads of them simply miss.</li>
 *   <li>A TTL of zero or less caches nothing: the cache is switched off for that value.</li>
 *   <li>Dead entries go on read, on a step of the write-side hand (two entries per write on average), on
 *       {@link #cleanUp()}, and on the optional background sweep.</li>
 *   <li>Past {@code maxEntries}, CLOCK (second chance) evicts entries not read since the hand last
 *       passed them; the hand walks the map's own iteration order. Concurrent writers can exceed
 *       the bound by at most one entry each, until the next write.</li>
 * </ul>
 *
 * <h2>Why it is one long file</h2>
 * Reads, writes, the two hands and the statistics all work on the same map and the same node
 * layout ({@code meta} word, deadline, value), and the hit path must reach them without accessors
 * or a lock: split into classes, the node's fields would have to be opened to the whole package
 * and the hit path would cross class boundaries the JIT may not inline under load. So the file is
 * cut into sections instead (reads, writes, maintenance, settings and views, events), and the
 * builder, the nodes and the hands are nested where they are used. Caffeine keeps its
 * {@code BoundedLocalCache} whole for the same reason.
 */
public final class TtlCache<V> implements AutoCloseable {

    /** How close to its deadline a node must be before reads check the precise clock. */
    public static final long FRESHNESS_GUARD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** Rough bytes a node costs beyond key and value (measured, see docs/benchmarks.md). */
    static final long ENTRY_OVERHEAD_BYTES = 80;
    private static final int PURGE_EVERY = 8;
    private static final int PURGE_STEP = 16;
    private static final int OVERFLOW_PURGE_STEP = 32;
    // Durations beyond this are "forever" for a cache, and keep deadline arithmetic from overflowing.
    private static final long MAX_TTL_NANOS = Long.MAX_VALUE / 4;

    private static final Logger LOG = Logger.getLogger(TtlCache.class.getName());
    private static final ScheduledExecutorService SWEEPER = Daemons.timer("flashsale-cache-sweeper");

    private final ConcurrentHashMap<String, Node<V>> map = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Flight<V>> flights = new ConcurrentHashMap<>();
    private final Ticker ticker;
    /** True for {@link Ticker#system()}: the hit path then reads its coarse time directly. */
    private final boolean systemTicker;
    private final Clock wallClock;
    private final StatsRecorder stats = new StatsRecorder();
    /** The stats' per-thread slots, held here so a hit reaches its slot in fewer loads. */
    private final ThreadCounters[] slots = stats.slots;
    private final CopyOnWriteArrayList<CacheListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<InvalidationHook> invalidationHooks = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final double refreshAheadFraction;
    private final Executor refreshExecutor;
    private final long loadWaitTimeoutNanos;
    private final ToLongFunction<Object> sizeEstimator;
    private final ScheduledFuture<?> sweep;

    private final ReentrantLock handLock = new ReentrantLock();
    // Two hands, both guarded by handLock: the purge hand must not age CLOCK's reference bits.
    private final Hand<V> purgeHand = new Hand<>(map);
    private final Hand<V> clockHand = new Hand<>(map);

    private volatile long defaultTtlNanos;
    private volatile int maxEntries;

    private TtlCache(Builder b) {
        this.ticker = b.ticker;
        this.systemTicker = b.ticker == SystemTicker.INSTANCE;
        this.wallClock = b.wallClock;
        this.defaultTtlNanos = ttlNanos(b.defaultTtl);
        this.maxEntries = b.maxEntries;
        this.refreshAheadFraction = b.refreshAheadFraction;
        this.refreshExecutor = b.refreshExecutor;
        this.loadWaitTimeoutNanos = b.loadWaitTimeout.toNanos();
        this.sizeEstimator = b.sizeEstimator;
        if (ticker instanceof SystemTicker system) {
            system.ensureStarted();
        }
        this.sweep = b.sweepInterval == null ? null
                : SWEEPER.scheduleWithFixedDelay(this::sweepQuietly, b.sweepInterval.toNanos(),
                b.sweepInterval.toNanos(), TimeUnit.NANOSECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- reads

    /** The fresh value for {@code key}, or {@code null} (counted as a miss). Never an expired value. */
    public V get(String key) {
        Node<V> n = map.get(key);
        Thread thread = Thread.currentThread();
        @SuppressWarnings("deprecation") // threadId() exists only from Java 19; getId() is the same value
        long id = thread.getId();
        ThreadCounters c = slots[(int) id & StatsRecorder.MASK];
        if (c.ownerId != id) {
            c = stats.find(thread, id);
        }
        if (n != null) {
            long now = systemTicker ? SystemTicker.coarse : ticker.approximate();
            if (now < n.fastUntil) {
                n.recordHit(c.hit());
                return n.value;
            }
            return slowHit(key, n, c);
        }
        c.miss();
        return null;
    }

    /** Near the deadline, or when a refresh may be due: decide with the precise clock. */
    private V slowHit(String key, Node<V> n, ThreadCounters c) {
        if (systemTicker) {
            SystemTicker.readerSeen(); // wakes a resting coarse clock: readers are back
        }
        long now = ticker.read();
        if (now >= n.deadline()) {
            if (map.remove(key, n)) {
                stats.expirations.increment();
                fire(CacheEventType.EXPIRE, key, 1, null);
            }
            c.miss();
            return null;
        }
        n.recordHit(c.hit());
        if (n.refreshDue(now)) {
            scheduleRefresh(key, (RefreshingNode<V>) n);
        }
        return n.value;
    }

    /**
     * Load-through with a fixed TTL: the cached value, or the loader's, loaded once however many
     * callers miss at the same time. See {@link ValueLoader} for null results and failures.
     *
     * @throws CacheLoadException if the loader threw, or waiting for another caller's load exceeded
     *                            the load-wait timeout
     */
    public V get(String key, Duration ttl, KeyLoader<? extends V> loader) {
        V v = get(key);
        if (v != null) {
            return v;
        }
        Objects.requireNonNull(ttl, "ttl");
        return loadSingleFlight(key, k -> new Loaded<>(loader.load(k), ttl));
    }

    /** Load-through where the loader decides each value's TTL (e.g. capped at a sale boundary). */
    public V get(String key, ValueLoader<? extends V> loader) {
        V v = get(key);
        if (v != null) {
            return v;
        }
        return loadSingleFlight(key, loader);
    }

    /** A load-through answer and whether it was a hit (for the storefront's {@code X-Cache}). */
    public record Lookup<V>(V value, boolean hit) {
    }

    /**
     * Like {@link #get(String, ValueLoader)}, and also says whether the value came from the cache.
     * A caller that waited for another caller's load counts as a miss: its value was not cached yet.
     */
    public Lookup<V> lookup(String key, ValueLoader<? extends V> loader) {
        V v = get(key);
        if (v != null) {
            return new Lookup<>(v, true);
        }
        return new Lookup<>(loadSingleFlight(key, loader), false);
    }

    private V loadSingleFlight(String key, ValueLoader<? extends V> loader) {
        CacheKeys.requireValid(key);
        Objects.requireNonNull(loader, "loader");
        while (true) {
            Flight<V> mine = new Flight<>();
            Flight<V> running = flights.putIfAbsent(key, mine);
            if (running == null) {
                return fly(key, loader, mine);
            }
            Outcome<V> joined = running.await(key, loadWaitTimeoutNanos);
            // A flight can complete just before this caller joins it; its value may have expired
            // since. Never hand that out: look again (a new flight, or this caller's own).
            if (ticker.read() < joined.deadline()) {
                return joined.value();
            }
        }
    }

    private V fly(String key, ValueLoader<? extends V> loader, Flight<V> mine) {
        try {
            // A flight that finished between our miss and our registration may have stored it.
            Node<V> n = map.get(key);
            if (n != null) {
                long deadline = n.deadline();
                if (ticker.read() < deadline) {
                    mine.future.complete(new Outcome<>(n.value, deadline));
                    return n.value;
                }
            }
            Outcome<V> loaded = runLoader(key, loader, mine, null);
            mine.future.complete(loaded);
            return loaded.value();
        } catch (CacheLoadException e) {
            mine.future.completeExceptionally(e);
            throw e;
        } catch (RuntimeException | Error e) {
            mine.future.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    /**
     * What a flight hands its waiters: the value and until when it may be served. A value that is
     * not cached (null, or a TTL of zero) is fresh from the loader and has no deadline.
     */
    private record Outcome<V>(V value, long deadline) {
        static <V> Outcome<V> uncached(V value) {
            return new Outcome<>(value, Long.MAX_VALUE);
        }
    }

    /**
     * Runs a loader and stores its value unless a write superseded the flight meanwhile. With
     * {@code replacing} set (a refresh), stores only if that node is still the current one.
     */
    private Outcome<V> runLoader(String key, ValueLoader<? extends V> loader, Flight<V> flight, Node<V> replacing) {
        long start = ticker.read();
        Loaded<? extends V> loaded;
        try {
            loaded = loader.load(key);
        } catch (Exception | Error e) {
            stats.recordLoad(ticker.read() - start, true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            fire(CacheEventType.LOAD_FAILURE, key, 0, why);
            throw new CacheLoadException(key, "loading " + key + " failed: " + why, e);
        }
        long now = ticker.read();
        stats.recordLoad(now - start, false);
        V value = loaded == null ? null : loaded.value();
        if (value == null) {
            if (replacing != null) {
                map.remove(key, replacing);
            }
            return Outcome.uncached(null);
        }
        long ttl = ttlNanos(loaded.ttl());
        if (ttl <= 0) {
            return Outcome.uncached(value);
        }
        Node<V> node = newNode(value, now, ttl, loader);
        boolean[] stored = new boolean[1];
        // Atomic with writers' "mark superseded, then write": see supersede().
        map.compute(key, (k, current) -> {
            if (flight.superseded || (replacing != null && current != replacing)) {
                return current;
            }
            stored[0] = true;
            return node;
        });
        if (stored[0]) {
            fire(CacheEventType.PUT, key, 1, null);
            maintain(now);
        }
        return new Outcome<>(value, node.deadline());
    }

    private Node<V> newNode(V value, long now, long ttl, ValueLoader<? extends V> loader) {
        long deadline = now + ttl;
        if (refreshAheadFraction > 0 && loader != null) {
            long refreshAt = deadline - (long) (ttl * refreshAheadFraction);
            return new RefreshingNode<>(value, deadline, ttl, refreshAt, loader);
        }
        return new Node<>(value, deadline, ttl);
    }

    private void scheduleRefresh(String key, RefreshingNode<V> node) {
        try {
            refreshExecutor.execute(() -> refresh(key, node));
        } catch (RejectedExecutionException e) {
            // No refresh then: the entry simply expires and the next miss loads it.
            LOG.log(Level.FINE, "refresh of {0} rejected", key);
        }
    }

    private void refresh(String key, RefreshingNode<V> node) {
        if (map.get(key) != node) {
            return;
        }
        Flight<V> mine = new Flight<>();
        if (flights.putIfAbsent(key, mine) != null) {
            return; // someone is already loading it
        }
        try {
            mine.future.complete(runLoader(key, node.loader, mine, node));
        } catch (RuntimeException | Error e) {
            // Already counted and reported as a load failure; the old value stays until its deadline.
            mine.future.completeExceptionally(e);
        } finally {
            flights.remove(key, mine);
        }
    }

    // ---------------------------------------------------------------- writes

    /** Stores {@code value} for the current default TTL. */
    public void put(String key, V value) {
        put(key, value, Duration.ofNanos(defaultTtlNanos));
    }

    /** Stores {@code value} for {@code ttl}; a TTL of zero or less removes any cached value instead. */
    public void put(String key, V value, Duration ttl) {
        CacheKeys.requireValid(key);
        Objects.requireNonNull(value, "value");
        long ttlNanos = ttlNanos(ttl);
        supersede(key);
        if (ttlNanos <= 0) {
            map.remove(key);
            return;
        }
        long now = ticker.read();
        map.put(key, new Node<>(value, now + ttlNanos, ttlNanos));
        fire(CacheEventType.PUT, key, 1, null);
        maintain(now);
    }

    /** Removes {@code key}; returns whether an entry was there. A load in flight for it is not stored. */
    public boolean invalidate(String key) {
        supersede(key);
        told(key, null);
        Node<V> removed = map.remove(key);
        if (removed == null) {
            return false;
        }
        stats.invalidations.increment();
        fire(CacheEventType.INVALIDATE, key, 1, null);
        return true;
    }

    /** Removes every key of {@code namespace} (the part before the first ':'); returns how many. */
    public int invalidateNamespace(String namespace) {
        CacheKeys.requireValidNamespace(namespace);
        told(null, namespace);
        String prefix = namespace + ":";
        for (Map.Entry<String, Flight<V>> f : flights.entrySet()) {
            if (f.getKey().startsWith(prefix)) {
                f.getValue().superseded = true;
            }
        }
        int removed = 0;
        for (Iterator<String> it = map.keySet().iterator(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith(prefix) && map.remove(k) != null) {
                removed++;
            }
        }
        stats.invalidations.add(removed);
        fire(CacheEventType.INVALIDATE_NAMESPACE, namespace, removed, null);
        return removed;
    }

    /** Removes everything; returns how many entries went. Loads in flight are not stored. */
    public int invalidateAll() {
        told(null, null);
        for (Flight<V> f : flights.values()) {
            f.superseded = true;
        }
        int removed = 0;
        for (String k : map.keySet()) {
            if (map.remove(k) != null) {
                removed++;
            }
        }
        stats.invalidations.add(removed);
        fire(CacheEventType.CLEAR, null, removed, null);
        return removed;
    }

    /**
     * Writers mark the key's flight before they write; a loader stores only inside
     * {@code compute} and only if unmarked. So a load that read the old data can never land
     * after the write that replaced or invalidated it.
     */
    private void supersede(String key) {
        Flight<V> f = flights.get(key);
        if (f != null) {
            f.superseded = true;
        }
    }

    // ---------------------------------------------------------------- maintenance

    /**
     * After a write: every {@code PURGE_EVERY}th write (at random, so writers share no counter) steps
     * the purge hand over {@code PURGE_STEP} entries, which averages two entries per write; and
     * evicts if over the bound.
     */
    private void maintain(long now) {
        boolean purge = ThreadLocalRandom.current().nextInt(PURGE_EVERY) == 0;
        if (!purge && map.size() <= maxEntries) {
            return;
        }
        if (!handLock.tryLock()) {
            return; // another writer is doing it
        }
        try {
            for (int i = 0; purge && i < PURGE_STEP; i++) {
                Map.Entry<String, Node<V>> e = purgeHand.next();
                if (e == null) {
                    break;
                }
                expireIfDead(e.getKey(), e.getValue(), now);
            }
            evictOverflow(now);
        } finally {
            handLock.unlock();
        }
    }

    private void evictOverflow(long now) {
        int max = maxEntries;
        if (map.size() <= max) {
            return;
        }
        // Dead entries make room before any live one is evicted: look at a few first.
        for (int i = 0; i < OVERFLOW_PURGE_STEP && map.size() > max; i++) {
            Map.Entry<String, Node<V>> e = purgeHand.next();
            if (e == null) {
                break;
            }
            expireIfDead(e.getKey(), e.getValue(), now);
        }
        // Two full turns of the hand always find a victim: the first clears every reference bit.
        long budget = 2L * map.size() + 16;
        while (map.size() > max && budget-- > 0) {
            Map.Entry<String, Node<V>> e = clockHand.next();
            if (e == null) {
                return;
            }
            String k = e.getKey();
            Node<V> n = e.getValue();
            if (expireIfDead(k, n, now)) {
                continue;
            }
            if (n.secondChance() && map.remove(k, n)) {
                stats.evictions.increment();
                fire(CacheEventType.EVICT, k, 1, null);
            }
        }
        // Readers on other threads can keep setting reference bits faster than two turns clear
        // them (seen under six busy threads: 95 entries left with a bound of 48). The bound holds
        // anyway: past the budget, the next entries go without a second chance.
        long force = map.size() + 16L;
        while (map.size() > max && force-- > 0) {
            Map.Entry<String, Node<V>> e = clockHand.next();
            if (e == null) {
                return;
            }
            if (!expireIfDead(e.getKey(), e.getValue(), now) && map.remove(e.getKey(), e.getValue())) {
                stats.evictions.increment();
                fire(CacheEventType.EVICT, e.getKey(), 1, null);
            }
        }
    }

    /**
     * A hand that goes round the map, entry after entry, starting again at the first when it has
     * passed the last (null when the map is empty); weakly consistent, as the map's iterators are.
     */
    private static final class Hand<V> {
        private final ConcurrentHashMap<String, Node<V>> map;
        private Iterator<Map.Entry<String, Node<V>>> at;

        Hand(ConcurrentHashMap<String, Node<V>> map) {
            this.map = map;
        }

        Map.Entry<String, Node<V>> next() {
            if (at == null || !at.hasNext()) {
                at = map.entrySet().iterator();
                if (!at.hasNext()) {
                    return null;
                }
            }
            return at.next();
        }
    }

    private boolean expireIfDead(String key, Node<V> n, long now) {
        if (now >= n.deadline()) {
            if (map.remove(key, n)) {
                stats.expirations.increment();
                fire(CacheEventType.EXPIRE, key, 1, null);
            }
            return true;
        }
        return false;
    }

    /** Removes every expired entry now; returns how many. O(entries), no global lock. */
    public int cleanUp() {
        long now = ticker.read();
        int removed = 0;
        for (Map.Entry<String, Node<V>> e : map.entrySet()) {
            Node<V> n = e.getValue();
            if (now >= n.deadline() && map.remove(e.getKey(), n)) {
                stats.expirations.increment();
                fire(CacheEventType.EXPIRE, e.getKey(), 1, null);
                removed++;
            }
        }
        return removed;
    }

    private void sweepQuietly() {
        try {
            cleanUp();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cache sweep failed", e);
        }
    }

    /** Stops the background sweep, if any. The cache stays usable. */
    @Override
    public void close() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    // ---------------------------------------------------------------- settings and views

    /** The monotonic clock this cache expires entries by (for callers that say how long a value stays). */
    public Ticker ticker() {
        return ticker;
    }

    public Duration defaultTtl() {
        return Duration.ofNanos(defaultTtlNanos);
    }

    /** Changes the TTL of later {@link #put(String, Object)} calls; zero switches caching off. */
    public void setDefaultTtl(Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("TTL must not be negative: " + ttl);
        }
        defaultTtlNanos = ttlNanos(ttl);
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Changes the bound; lowering it evicts down to it at once. */
    public void setMaxEntries(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + max);
        }
        maxEntries = max;
        handLock.lock();
        try {
            evictOverflow(ticker.read());
        } finally {
            handLock.unlock();
        }
    }

    /** Entries held, possibly including some expired ones not yet purged. */
    public int size() {
        return map.size();
    }

    public CacheStats stats() {
        return stats.snapshot();
    }

    /** How many listener calls threw (each was logged and ignored). */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /**
     * Immutable rows for every fresh entry. Weakly consistent: it walks the map without locking,
     * so readers and writers carry on while it runs, and an entry changed meanwhile may show
     * either state.
     */
    public List<CacheEntrySnapshot> snapshot() {
        long now = ticker.read();
        Instant wallNow = wallClock.instant();
        List<CacheEntrySnapshot> rows = new ArrayList<>(map.size());
        for (Map.Entry<String, Node<V>> e : map.entrySet()) {
            Node<V> n = e.getValue();
            long deadline = n.deadline();
            if (now >= deadline) {
                continue;
            }
            String key = e.getKey();
            long remaining = deadline - now;
            rows.add(new CacheEntrySnapshot(key, CacheKeys.namespaceOf(key), n.value,
                    wallNow.minusNanos(now - n.writtenAt()), wallNow.plusNanos(remaining),
                    Duration.ofNanos(remaining), n.hits(),
                    ENTRY_OVERHEAD_BYTES + 40 + key.length() + Math.max(0, sizeEstimator.applyAsLong(n.value))));
        }
        return rows;
    }

    // ---------------------------------------------------------------- events

    public void addListener(CacheListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(CacheListener listener) {
        listeners.remove(listener);
    }

    /**
     * Told of every invalidation, whether or not an entry was there: for what the application
     * derives from its data without caching it as an entry (the catalog's known product ids), so
     * the same invalidations that reach this cache, from whichever process, reach it too.
     */
    @FunctionalInterface
    public interface InvalidationHook {
        /** A key ({@code namespace} null), a namespace ({@code key} null), or everything (both null). */
        void invalidated(String key, String namespace);
    }

    public void addInvalidationHook(InvalidationHook hook) {
        invalidationHooks.add(Objects.requireNonNull(hook));
    }

    private void told(String key, String namespace) {
        for (InvalidationHook h : invalidationHooks) {
            try {
                h.invalidated(key, namespace);
            } catch (RuntimeException | Error e) {
                listenerFailures.incrementAndGet();
                LOG.log(Level.WARNING, "invalidation hook " + h + " failed on " + key + " " + namespace, e);
            }
        }
    }

    private void fire(CacheEventType type, String key, long count, String detail) {
        if (listeners.isEmpty()) {
            return;
        }
        CacheEvent event = new CacheEvent(wallClock.instant(), type, key, count, detail);
        for (CacheListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException | Error e) {
                listenerFailures.incrementAndGet();
                LOG.log(Level.WARNING, "cache listener " + l + " failed on " + type + " " + key, e);
            }
        }
    }

    private static long ttlNanos(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            return 0;
        }
        return ttl.compareTo(Duration.ofNanos(MAX_TTL_NANOS)) >= 0 ? MAX_TTL_NANOS : ttl.toNanos();
    }

    /** One load in progress: its result for the callers that missed meanwhile. */
    private static final class Flight<V> {
        final CompletableFuture<Outcome<V>> future = new CompletableFuture<>();
        volatile boolean superseded;

        Outcome<V> await(String key, long timeoutNanos) {
            try {
                return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CacheLoadException cle) {
                    throw new CacheLoadException(key, cle.getMessage(), cle.getCause());
                }
                throw new CacheLoadException(key, "loading " + key + " failed: " + cause, cause);
            } catch (TimeoutException e) {
                throw new CacheLoadException(key, "gave up after " + Duration.ofNanos(timeoutNanos).toMillis()
                        + " ms waiting for another caller's load of " + key, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CacheLoadException(key, "interrupted while waiting for the load of " + key, e);
            }
        }
    }

    /** Settings; every one has a default, so {@code TtlCache.builder().build()} is the product's cache. */
    public static final class Builder {
        private Ticker ticker = Ticker.system();
        private Clock wallClock = Clock.systemUTC();
        private Duration defaultTtl = DEFAULT_TTL;
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private double refreshAheadFraction;
        private Executor refreshExecutor;
        private Duration loadWaitTimeout = Duration.ofSeconds(30);
        private ToLongFunction<Object> sizeEstimator = Builder::defaultSize;
        private Duration sweepInterval;

        private Builder() {
        }

        /** The monotonic time source for expiry (tests pass a {@link ManualTicker}). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker);
            return this;
        }

        /** Used only to show written-at and expires-at as instants and to stamp events. */
        public Builder wallClock(Clock clock) {
            this.wallClock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder defaultTtl(Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("TTL must not be negative: " + ttl);
            }
            this.defaultTtl = ttl;
            return this;
        }

        public Builder maxEntries(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1: " + max);
            }
            this.maxEntries = max;
            return this;
        }

        /**
         * Switches refresh-ahead on: an entry that was loaded through a loader and is read in the
         * last {@code fraction} of its TTL is reloaded once on {@code executor}, while readers keep
         * getting the current value.
         */
        public Builder refreshAhead(double fraction, Executor executor) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("refresh fraction must be between 0 and 1: " + fraction);
            }
            this.refreshAheadFraction = fraction;
            this.refreshExecutor = Objects.requireNonNull(executor);
            return this;
        }

        /** How long a caller waits for another caller's load of the same key before giving up. */
        public Builder loadWaitTimeout(Duration timeout) {
            this.loadWaitTimeout = positive(timeout, "load wait timeout");
            return this;
        }

        /** Estimates a value's size in bytes for the live panel; negative means unknown. */
        public Builder sizeEstimator(ToLongFunction<Object> estimator) {
            this.sizeEstimator = Objects.requireNonNull(estimator);
            return this;
        }

        /** Also purges expired entries in the background every {@code interval}. */
        public Builder sweepInterval(Duration interval) {
            this.sweepInterval = positive(interval, "sweep interval");
            return this;
        }

        public <V> TtlCache<V> build() {
            return new TtlCache<>(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        private static long defaultSize(Object value) {
            if (value instanceof byte[] bytes) {
                return 16 + bytes.length;
            }
            if (value instanceof CharSequence s) {
                return 40 + s.length();
            }
            return -1;
        }
    }
}
