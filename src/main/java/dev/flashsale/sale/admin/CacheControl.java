package dev.flashsale.sale.admin;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.ActiveSale;
import dev.flashsale.sale.AuditEntry;
import dev.flashsale.sale.Invalidation;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.sale.persistence.AuditRepository;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import java.io.Writer;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

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
    /** The longest an admin may keep the audit, in days. */
    public static final int MAX_AUDIT_RETENTION_DAYS = AuditRepository.MAX_RETENTION_DAYS;

    private final Database db;
    private final TtlCache<Object> cache;
    private final Invalidator invalidator;
    private volatile String scope;
    private final CatalogService catalog;
    private final AuditRepository audit;
    private final Clock clock;
    private final String osUser;
    private final String host;
    private volatile String dbUser;

    public CacheControl(Database db, TtlCache<Object> cache, CatalogService catalog, Clock clock, String osUser) {
        this(db, new Invalidator(db, cache, clock, "control-" + UUID.randomUUID()), catalog, clock, osUser);
    }

    public CacheControl(Database db, Invalidator invalidator, CatalogService catalog, Clock clock, String osUser) {
        this(db, invalidator, catalog, clock, osUser, null);
    }

    /** {@code host}: the machine's name, kept in each audit row with the OS and database users. */
    public CacheControl(Database db, Invalidator invalidator, CatalogService catalog, Clock clock, String osUser,
                        String host) {
        this.db = db;
        this.invalidator = invalidator;
        this.cache = invalidator.cache();
        this.catalog = catalog;
        this.audit = new AuditRepository(db);
        this.clock = clock;
        this.osUser = osUser;
        this.host = host;
    }

    /** The database login, read once (a query): PostgreSQL's user; SQLite has none. */
    private String dbUser() {
        String u = dbUser;
        if (u == null && db.dialect() == Dialect.POSTGRESQL) {
            u = db.access().user();
            dbUser = u;
        }
        return u;
    }

    public TtlCache<Object> cache() {
        return cache;
    }

    /**
     * Names where invalidations reach beyond this process (e.g. "cluster flashsale"), for the audit
     * rows; null when they reach the processes on this database only.
     */
    public void setScope(String scope) {
        this.scope = scope;
    }

    /** Where an invalidation from here reaches, in words for the console. */
    public String reach() {
        String s = scope;
        return s == null ? "every process on this database" : "the whole " + s;
    }

    /** Invalidates one key; returns the audit entry written. */
    public AuditEntry invalidate(String key) {
        return act(INVALIDATE, key, Invalidation.keys(List.of(key)));
    }

    public AuditEntry invalidate(Collection<String> keys) {
        String target = keys.size() <= 5 ? String.join(", ", keys) : keys.size() + " keys";
        return act(INVALIDATE_SELECTION, target, Invalidation.keys(keys));
    }

    public AuditEntry invalidateNamespace(String namespace) {
        return act(INVALIDATE_NAMESPACE, namespace, Invalidation.namespace(namespace));
    }

    public AuditEntry clear() {
        return act(CLEAR, null, Invalidation.all());
    }

    /**
     * Drops the entries here (counting them for the audit), writes the log rows and the audit row
     * in one transaction, then tells the other processes and drops here again: a request served
     * before the shared tier heard of it may have reloaded an entry from there.
     */
    private AuditEntry act(String action, String target, Invalidation inv) {
        int n = invalidator.dropHere(inv);
        String s = scope;
        String audited = s == null ? target : (target == null ? s : target + " (" + s + ")");
        AuditEntry e = new AuditEntry(clock.instant(), osUser, action, audited, n, dbUser(), host);
        db.write(c -> {
            invalidator.record(c, inv);
            audit.insert(c, e);
            return null;
        });
        invalidator.apply(inv);
        return e;
    }

    /** How many days of audit the store keeps. */
    public int auditRetentionDays() {
        return db.read(audit::retentionDays);
    }

    /** Sets how many days of audit the store keeps; what is older goes now. Returns the rows removed. */
    public int setAuditRetentionDays(int days) {
        return db.write(c -> {
            audit.setRetentionDays(c, days);
            return audit.trim(c, clock.instant());
        });
    }

    /** Writes the audit of {@code range} to {@code out} as CSV ({@link AuditCsv}), read in one snapshot; returns the rows written. */
    public int exportAudit(Writer out, AuditRange range) {
        try (AuditCsv csv = new AuditCsv(out)) {
            db.snapshot(c -> {
                audit.between(c, range.from(), range.to(), csv::write);
                return null;
            });
            return csv.rows();
        }
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

}
