package dev.flashsale.app;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.cluster.Cluster;
import dev.flashsale.console.ConsoleBackend;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.invalidation.InvalidationFollower;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.sale.read.StorefrontPreview;
import dev.flashsale.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A running node: the store, the shared cache, the catalog's services and the storefront, as
 * {@link Wiring} put them together, shared by the console and the HTTP API; and its orderly stop.
 */
public final class AppRuntime implements ConsoleBackend {

    private final Wiring.Parts parts;
    private volatile Cluster cluster;
    private boolean closed;

    AppRuntime(Wiring.Parts parts) {
        this.parts = parts;
    }

    /** Starts everything for {@code options} (see {@link Wiring#node}); on failure nothing is left running. */
    public static AppRuntime start(Options options, Clock clock) {
        return Wiring.node(options, clock, url -> { });
    }

    /** As {@link #start(Options, Clock)}, with {@code serving} told the storefront's URL as soon as it serves (tests). */
    static AppRuntime start(Options options, Clock clock, Consumer<String> serving) {
        return Wiring.node(options, clock, serving);
    }

    void joined(Cluster c) {
        this.cluster = c;
    }

    /** The cluster this process is a node of, or null without --redis. */
    @Override
    public Cluster cluster() {
        return cluster;
    }

    /** This process's name on the invalidation log (and, in a cluster, on the bus and the node registry). */
    public String nodeId() {
        return parts.core().invalidator().origin();
    }

    /** Where this process's invalidations go (tests put a hand between it and the bus). */
    Invalidator invalidator() {
        return parts.core().invalidator();
    }

    /** The follower of other processes' writes (tests poll it directly instead of waiting). */
    public InvalidationFollower follower() {
        return parts.follower();
    }

    @Override
    public void onChangesFromOtherProcesses(Runnable listener) {
        parts.follower().addListener(heard -> listener.run());
    }

    @Override
    public CatalogAdmin admin() {
        return parts.core().admin();
    }

    @Override
    public CampaignAdmin campaigns() {
        return parts.core().campaigns();
    }

    @Override
    public CatalogService catalog() {
        return parts.catalog();
    }

    @Override
    public TtlCache<Object> cache() {
        return parts.cache();
    }

    @Override
    public StorefrontPreview preview() {
        return parts.preview();
    }

    @Override
    public CacheControl cacheControl() {
        return parts.core().control();
    }

    @Override
    public String storefrontUrl() {
        return parts.storefront().url();
    }

    public int port() {
        return parts.storefront().port();
    }

    @Override
    public String database() {
        return parts.db().address().display();
    }

    @Override
    public String databaseName() {
        return parts.db().address().shortName();
    }

    @Override
    public Database.Access access() {
        return parts.db().access();
    }

    @Override
    public void onPermissionDenied(Runnable listener) {
        parts.db().onPermissionDenied(listener);
    }

    @Override
    public long databaseQueries() {
        return parts.db().queryCount();
    }

    /** Stops the storefront (requests in progress finish), then closes the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        parts.storefront().stop(Duration.ofSeconds(3));
        if (cluster != null) {
            cluster.close();
        }
        parts.follower().close();
        parts.cache().close();
        parts.clock().close();
        parts.db().close();
    }
}
