package dev.flashsale.console;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.cluster.Cluster;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.sale.read.StorefrontPreview;
import dev.flashsale.store.Database;
import dev.flashsale.store.StoreRole;

/**
 * What the console needs from the running application: the catalog, the shared cache and where
 * the storefront and the database are. The application layer provides it (see
 * {@link ConsoleBackendFactory}), so the console never depends on the wiring.
 */
public interface ConsoleBackend extends AutoCloseable {
    CatalogAdmin admin();

    /** Campaigns: many sales planned, saved, shifted and cancelled as one. */
    CampaignAdmin campaigns();

    CatalogService catalog();

    TtlCache<Object> cache();

    /** What the storefront would answer at another instant, without touching the live cache. */
    StorefrontPreview preview();

    /** Audited invalidations and warm-up. */
    CacheControl cacheControl();

    /** The storefront's base URL, e.g. {@code http://127.0.0.1:8080}. */
    String storefrontUrl();

    /** Where the store is, safe to show (a file, or a PostgreSQL server and database; never a password). */
    String database();

    /** A short name of the store for the window title. */
    String databaseName();

    /** Database statements executed since start. */
    long databaseQueries();

    /**
     * Calls {@code listener}, off the FX thread, when another process on the same database has
     * changed the catalog or the cache (so the console's tables can follow).
     */
    default void onChangesFromOtherProcesses(Runnable listener) {
    }

    /**
     * Who this console is on the store and what it may do (reads the store: off the FX thread).
     * On SQLite the file's owner, an admin.
     */
    default Database.Access access() {
        return new Database.Access(System.getProperty("user.name", "?"), StoreRole.ADMIN);
    }

    /**
     * Calls {@code listener}, on the refused caller's thread, when the store refuses this login a
     * statement (a grant changed while the console ran): time to read {@link #access()} again.
     */
    default void onPermissionDenied(Runnable listener) {
    }

    /** The cluster this process is a node of (started with --redis), or null. */
    default Cluster cluster() {
        return null;
    }

    @Override
    void close();
}
