package dev.flashsale.sale;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.store.Database;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * An operator's hand on the shared cache: invalidations, each written to the audit table (when,
 * the OS user, what, how many entries) so "who cleared the cache at 14:02?" has an answer after a
 * restart; and warm-up.
 */
public final class CacheControl {

    public static final String INVALIDATE = "invalidate";
    public static final String INVALIDATE_SELECTION = "invalidate selection";
    public static final String INVALIDATE_NAMESPACE = "invalidate namespace";
    public static final String CLEAR = "clear";

    private final Database db;
    private final TtlCache<Object> cache;
    private final CatalogService catalog;
    private final AuditRepository audit;
    private final Clock clock;
    private final String osUser;

    public CacheControl(Database db, TtlCache<Object> cache, CatalogService catalog, Clock clock, String osUser) {
        this.db = db;
        this.cache = cache;
        this.catalog = catalog;
        this.audit = new AuditRepository(db);
        this.clock = clock;
        this.osUser = osUser;
    }

    public TtlCache<Object> cache() {
        return cache;
    }

    /** Invalidates one key; returns the audit entry written. */
    public AuditEntry invalidate(String key) {
        int n = cache.invalidate(key) ? 1 : 0;
        return record(INVALIDATE, key, n);
    }

    public AuditEntry invalidate(Collection<String> keys) {
        int n = 0;
        for (String k : keys) {
            if (cache.invalidate(k)) {
                n++;
            }
        }
        String target = keys.size() <= 5 ? String.join(", ", keys) : keys.size() + " keys";
        return record(INVALIDATE_SELECTION, target, n);
    }

    public AuditEntry invalidateNamespace(String namespace) {
        int n = cache.invalidateNamespace(namespace);
        return record(INVALIDATE_NAMESPACE, namespace, n);
    }

    public AuditEntry clear() {
        int n = cache.invalidateAll();
        return record(CLEAR, null, n);
    }

    /** The newest audit entries, oldest first. */
    public List<AuditEntry> recentAudit(int limit) {
        return db.read(c -> audit.recent(c, limit));
    }

    /** Loads the active listing and the prices and statuses of products on sale; returns the keys loaded. */
    public int warmUp() {
        int keys = 1;
        for (ActiveSale s : catalog.activeSales().value().sales()) {
            catalog.price(s.productId());
            catalog.flashStatus(s.productId());
            keys += 2;
        }
        return keys;
    }

    private AuditEntry record(String action, String target, int entries) {
        AuditEntry e = new AuditEntry(clock.instant(), osUser, action, target, entries);
        db.write(c -> {
            audit.insert(c, e);
            return null;
        });
        return e;
    }
}
