package dev.flashsale.cluster;

import dev.flashsale.concurrent.Daemons;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The connection to the cluster's Redis, with its state. Every call has a timeout; while Redis is
 * down, calls return empty at once (no request waits for a dead server) and a background probe
 * reconnects with backoff. One log line per change of state, never one per call.
 *
 * <p>Only a lost connection takes the link down. An error reply (a full Redis's {@code OOM}, a
 * replica's {@code READONLY}, {@code NOPERM}, {@code BUSY}, {@code LOADING}) is Redis answering:
 * that call returns empty (its caller skips the shared tier) and is counted by reason; so is a
 * borrow from a busy pool. A call that timed out or broke asks the probe to look at once: the link
 * goes down only if Redis does not answer a {@code PING} either, so one slow call costs one call.
 *
 * <p>Through Sentinel ({@link RedisAddress#viaSentinel()}), the master is wherever the sentinels
 * say: asked at start and by every probe. A failover is an outage of the shared tier until the
 * sentinels name the new master (served from this node's cache and the store, as when Redis is
 * down); then the link moves its connections there and comes up, with the same recovery as after
 * any outage. A {@code READONLY} reply then means this node still talks to a demoted master: it is
 * taken as a failover (down, look again), not as Redis refusing a command.
 */
public final class RedisLink implements AutoCloseable {

    /** A wrong password or user: said once at start, not retried. */
    public static final class AccessRefused extends RuntimeException {
        AccessRefused(String message) {
            super(message);
        }
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration CALL_TIMEOUT = Duration.ofMillis(250);
    /** How long the probe's PING may take before the link is declared down. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(RedisLink.class.getName());

    private final RedisAddress address;
    private final JedisClientConfig config;
    private final JedisClientConfig probeConfig;
    private final JedisClientConfig sentinelConfig;
    private final GenericObjectPoolConfig<Jedis> poolConfig;
    /** Where the master is (fixed, or as the sentinels said last); its pool. */
    private volatile RedisAddress.Endpoint master;
    private volatile JedisPool pool;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> afterUp = new CopyOnWriteArrayList<>();
    /** The reasons counted, so the metric's labels stay few; anything else is "other". */
    static final Set<String> REASONS = Set.of("OOM", "READONLY", "NOPERM", "BUSY", "LOADING", "MASTERDOWN", "NOAUTH",
            "WRONGPASS", "NOSCRIPT", "ERR", "timeout", "connection", "pool", "other");
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final RefusalLog refusals;
    private final AclRefusals acl;
    private final ScheduledExecutorService probe;
    private volatile boolean up;
    private volatile boolean closed;
    private long retryMillis = FIRST_RETRY.toMillis();
    private boolean probing;
    private boolean recoveryFailed;

    public RedisLink(RedisAddress address, String clientName) {
        this.address = address;
        this.config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) CALL_TIMEOUT.toMillis())
                .user(address.user()).password(address.password())
                .database(address.database()).ssl(address.tls())
                .resp2() // what this client speaks; saying so keeps Jedis from warning at every connection
                .clientName(clientName.replaceAll("[^A-Za-z0-9_.-]", "_"))
                .build();
        this.probeConfig = DefaultJedisClientConfig.builder().from(config)
                .socketTimeoutMillis((int) PROBE_TIMEOUT.toMillis()).clientName(null).build();
        this.sentinelConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) PROBE_TIMEOUT.toMillis())
                .password(address.sentinelPassword()).resp2().build();
        this.poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(16);
        poolConfig.setMaxIdle(16);
        poolConfig.setMinIdle(0);
        poolConfig.setMaxWait(CALL_TIMEOUT); // a borrow waits no longer than a call may take
        poolConfig.setJmxEnabled(false);
        if (!address.viaSentinel()) {
            this.master = new RedisAddress.Endpoint(address.host(), address.port());
            this.pool = new JedisPool(poolConfig, new HostAndPort(address.host(), address.port()), config);
        }
        this.probe = Daemons.timer("redis-probe");
        this.refusals = new RefusalLog(address.toString(), LOG, System::nanoTime);
        this.acl = new AclRefusals(address.user(), LOG, System::nanoTime);
    }

    public RedisAddress address() {
        return address;
    }

    /**
     * For the subscription's own connection: same login; reads time out after a few seconds,
     * which the subscription's PING every second keeps from happening while Redis answers.
     */
    JedisClientConfig subscriberConfig() {
        return DefaultJedisClientConfig.builder().from(config).socketTimeoutMillis(3_000).build();
    }

    /**
     * Connects once at start. A refused login throws {@link AccessRefused} (start-up says it and
     * exits); an unreachable server leaves the link down, reconnecting in the background.
     */
    public void connect() {
        try {
            follow(locate());
        } catch (AccessRefused e) {
            throw e;
        } catch (RuntimeException e) {
            startDown(e); // no sentinel answers, or none knows the master: keep asking in the background
            return;
        }
        try (Jedis j = pool.getResource()) {
            j.ping();
            requireMaster(j);
            markUp();
        } catch (JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisDataException e) {
            if (isAuthError(e)) {
                throw refused(e);
            }
            startDown(e);
        } catch (RuntimeException e) {
            if (isAuthError(e)) {
                throw refused(e);
            }
            startDown(e);
        }
    }

    /** Down from the start: said once (there is no change of state to say it otherwise). */
    private void startDown(RuntimeException e) {
        LOG.warning("Redis " + address + " is DOWN (" + describe(e) + "); serving from this node's cache"
                + " and the store, reconnecting in the background");
        markDown(e);
    }

    /** The master's address: fixed, or the first answer of the sentinels in the order given. */
    private RedisAddress.Endpoint locate() {
        if (!address.viaSentinel()) {
            return master;
        }
        RuntimeException last = null;
        boolean allRefusedTheLogin = true;
        for (RedisAddress.Endpoint sentinel : address.sentinels()) {
            try (Jedis j = new Jedis(new HostAndPort(sentinel.host(), sentinel.port()), sentinelConfig)) {
                List<String> hp = j.sentinelGetMasterAddrByName(address.master());
                if (hp != null && hp.size() == 2) {
                    return new RedisAddress.Endpoint(hp.get(0), Integer.parseInt(hp.get(1)));
                }
                last = new IllegalStateException("sentinel " + sentinel + " knows no master named \""
                        + address.master() + "\"");
                allRefusedTheLogin = false;
            } catch (RuntimeException e) {
                last = e;
                allRefusedTheLogin &= isAuthError(e);
            }
        }
        if (allRefusedTheLogin && last != null) { // a wrong sentinel password is not an outage to wait out
            throw new AccessRefused("the sentinels " + address.sentinels() + " refused the login (" + describe(last)
                    + "); check their password (sentinelPassword in the URL, or REDIS_SENTINEL_AUTH)");
        }
        throw new IllegalStateException("no sentinel named the master \"" + address.master() + "\" ("
                + describe(last) + ")");
    }

    /** Moves the connections to {@code where} if the master is elsewhere now (after a failover). */
    private synchronized void follow(RedisAddress.Endpoint where) {
        if (where.equals(master) && pool != null) {
            return;
        }
        JedisPool old = pool;
        pool = new JedisPool(poolConfig, new HostAndPort(where.host(), where.port()), config);
        if (master != null) {
            LOG.warning("Redis master \"" + address.master() + "\" is now at " + where + " (was " + master
                    + "): a failover; following it");
        }
        master = where;
        if (old != null) {
            old.close(); // connections lent out are closed when they come back
        }
    }

    /** Through Sentinel, a server that is not the master (yet, or any more) is no place for writes. */
    private void requireMaster(Jedis j) {
        if (address.viaSentinel()) {
            Object role = j.role().get(0);
            String r = role instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                    : String.valueOf(role);
            if (!"master".equals(r)) {
                throw new IllegalStateException(master + " is a " + r + ", not the master; waiting for Sentinel");
            }
        }
    }

    /** Where this link sends its commands now (the master, through Sentinel). */
    public RedisAddress.Endpoint master() {
        return master;
    }

    private AccessRefused refused(RuntimeException e) {
        String why = e.getMessage() == null ? "" : e.getMessage();
        if (address.password() != null) {
            why = why.replace(address.password(), "***");
        }
        return new AccessRefused("Redis at " + address + " refused the login (" + why.strip()
                + "); check the user and password (in the URL or REDISCLI_AUTH)");
    }

    private static boolean isAuthError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof JedisAccessControlException || (m != null && (m.startsWith("WRONGPASS")
                    || m.startsWith("NOAUTH") || m.contains("invalid password") || m.contains("invalid username-password")))) {
                return true;
            }
        }
        return false;
    }

    public boolean isUp() {
        return up;
    }

    /**
     * Called with the new state on each change, on the thread that noticed it: false after the
     * link went down; true when Redis answers again, before calls go through (see {@link #markUp}).
     */
    public void addListener(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** Called after the link is up again and calls go through (to finish what waited for it). */
    public void addAfterUp(Runnable listener) {
        afterUp.add(listener);
    }

    /**
     * Runs {@code work} on a pooled connection; empty while Redis is down, or when this call
     * failed (an error reply, a busy pool, a timeout: counted, and see the class comment).
     */
    public <T> Optional<T> call(Function<Jedis, T> work) {
        if (!up || closed) {
            return Optional.empty();
        }
        try (Jedis j = pool.getResource()) {
            T result = work.apply(j);
            refusals.answered();
            return Optional.ofNullable(result);
        } catch (JedisDataException e) {
            String reason = reasonOf(e);
            count(reason);
            if (address.viaSentinel() && reason.equals("READONLY")) {
                markDown(e); // a demoted master: find the new one (see the class comment)
                return Optional.empty();
            }
            answeredWithError(reason, e);
            return Optional.empty();
        } catch (RuntimeException e) {
            if (poolExhausted(e)) {
                count("pool"); // every connection is lent out: Redis is fine, this node is busy
                return Optional.empty();
            }
            count(timedOut(e) ? "timeout" : "connection");
            lookNow();
            return Optional.empty();
        }
    }

    /**
     * An error reply: a missing grant is said once per command and remembered (it will not pass by
     * itself); anything else (a full Redis) goes to the refusal log, which says it is still going on.
     */
    private void answeredWithError(String reason, JedisDataException e) {
        if (reason.equals("NOPERM")) {
            acl.refused(e.getMessage());
        } else {
            refusals.refused(reason, describe(e));
        }
    }

    /**
     * Told by a user of its own connection (the subscription) that Redis answered it with an error:
     * counted and said like any call's, and the link stays up.
     */
    void reportRefusal(JedisDataException e) {
        String reason = reasonOf(e);
        count(reason);
        answeredWithError(reason, e);
    }

    /** Whether this login was refused {@code command} (capitals) by Redis's ACL within the last minute. */
    public boolean aclRefusedRecently(String command) {
        return acl.refusedRecently(command);
    }

    /** What Redis's ACL refused this login within the last minute (commands in capitals), sorted. */
    public Set<String> aclRefused() {
        return acl.refused();
    }

    /** The first word of an error reply ({@code OOM}, {@code READONLY}...), one of {@link #REASONS}. */
    static String reasonOf(JedisDataException e) {
        if (AclRefusals.isAclRefusal(e.getMessage())) {
            return "NOPERM"; // also a script whose command the ACL refused, which Redis 7.0 answers with ERR
        }
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        int space = m.indexOf(' ');
        String word = space < 0 ? m : m.substring(0, space);
        return REASONS.contains(word) ? word : "other";
    }

    private void count(String reason) {
        errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Failed calls since start, by reason (see {@link #REASONS}), for {@code flashsale_redis_errors_total}. */
    public Map<String, Long> errorCounts() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Redis answered this node's last calls with errors (it is up, but refusing some commands). */
    public boolean refusing() {
        return refusals.refusing();
    }

    private static boolean poolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchElementException) {
                return true;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A call broke or timed out: PING now, and go down only if that fails too. */
    private void lookNow() {
        synchronized (this) {
            if (probing || closed) {
                return;
            }
            probing = true;
        }
        try {
            probe.execute(this::probeOnce);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Like {@link #call}, for work without an answer; returns whether it ran. */
    public boolean run(Consumer<Jedis> work) {
        return call(j -> {
            work.accept(j);
            return Boolean.TRUE;
        }).isPresent();
    }

    /**
     * Told by a user of its own connection (the subscription) that Redis at {@code at} went away;
     * ignored when the link has moved on from there (a failover it already followed).
     */
    public void reportFailure(Throwable e, RedisAddress.Endpoint at) {
        if (at.equals(master)) {
            markDown(e);
        }
    }

    /**
     * Redis answers again. Before anything reads the shared tier, the listeners run (the bus
     * deletes there what was invalidated while Redis was out of reach, through
     * {@link #runRecovering}); only then do calls go through again.
     */
    private void markUp() {
        synchronized (this) {
            if (up) {
                return;
            }
            recoveryFailed = false;
        }
        listeners.forEach(l -> l.accept(true));
        synchronized (this) {
            if (recoveryFailed) { // Redis went away again in the middle: stay down, keep probing
                scheduleProbe();
                return;
            }
            up = true;
            retryMillis = FIRST_RETRY.toMillis();
        }
        LOG.info("Redis " + address + " is UP");
        // what was invalidated while the listeners above ran could not reach Redis yet
        afterUp.forEach(Runnable::run);
    }

    /** For the listeners of {@link #markUp} only: a call while the link is not yet up again. */
    public boolean runRecovering(Consumer<Jedis> work) {
        try (Jedis j = pool.getResource()) {
            work.accept(j);
            return true;
        } catch (JedisDataException e) { // Redis answers, but refuses this (an ACL, a full Redis): it is up all the same
            reportRefusal(e);
            return false;
        } catch (RuntimeException e) {
            synchronized (this) {
                recoveryFailed = true;
            }
            return false;
        }
    }

    private void scheduleProbe() {
        if (!probing && !closed) {
            probing = true;
            probe.schedule(this::probeOnce, retryMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void markDown(Throwable e) {
        if (closed) {
            return;
        }
        boolean changed;
        synchronized (this) {
            changed = up;
            up = false;
            scheduleProbe();
        }
        if (changed) {
            LOG.warning("Redis " + address + " is DOWN (" + describe(e) + "); serving from this node's cache"
                    + " and the store, reconnecting in the background");
            listeners.forEach(l -> l.accept(false));
        }
    }

    private String describe(Throwable e) {
        String m = e == null ? "no answer" : e.getClass().getSimpleName() + ": " + e.getMessage();
        for (String secret : new String[] {address.password(), address.sentinelPassword()}) {
            if (secret != null && !secret.isEmpty()) {
                m = m.replace(secret, "***");
            }
        }
        return m;
    }

    /**
     * One PING on a connection of its own, with more time than a call gets (Redis runs one command
     * at a time: a PING queued behind someone's slow command is not an outage).
     */
    private void probeOnce() {
        synchronized (this) {
            probing = false;
        }
        if (closed) {
            return;
        }
        try {
            follow(locate());
        } catch (RuntimeException e) {
            synchronized (this) {
                retryMillis = Math.min(LAST_RETRY.toMillis(), retryMillis * 2);
            }
            markDown(e);
            return;
        }
        RedisAddress.Endpoint at = master;
        try (Jedis j = new Jedis(new HostAndPort(at.host(), at.port()), probeConfig)) {
            j.ping();
            requireMaster(j);
            markUp();
        } catch (RuntimeException e) {
            synchronized (this) {
                retryMillis = Math.min(LAST_RETRY.toMillis(), retryMillis * 2);
            }
            markDown(e);
        }
    }

    /**
     * Called about once a second: says when Redis has stopped refusing commands; through Sentinel,
     * asks the sentinels where the master is. A planned failover leaves the old master up and
     * taking writes for seconds before it is made a replica; this node must not write there
     * meanwhile, so a master named elsewhere takes the link down, and the probe follows it.
     */
    void tick() {
        refusals.tick();
        if (address.viaSentinel() && up && !closed) {
            RedisAddress.Endpoint named;
            try {
                named = locate();
            } catch (RuntimeException e) {
                return; // the sentinels are away: the master we have still answers, keep it
            }
            if (!named.equals(master)) {
                markDown(new IllegalStateException("the sentinels name " + named + " as the master now"));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        probe.shutdownNow();
        synchronized (this) {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
