package dev.flashsale.store;

/**
 * What a login may do on the store, as the store itself enforces it: on PostgreSQL the group role
 * it holds (granted by a DBA, see migration 8), on SQLite the file's owner is the admin. Each role
 * may do what the ones below it may.
 */
public enum StoreRole {
    /** Reads everything, changes nothing. */
    VIEWER("flashsale_viewer", "viewer"),
    /** Reads everything; acts on the cache (invalidate, clear, warm up) and writes what that writes. */
    OPERATOR("flashsale_operator", "operator"),
    /** Everything: the catalog, sales, campaigns, imports, settings and the audit's retention. */
    ADMIN("flashsale_admin", "admin");

    private final String pgRole;
    private final String label;

    StoreRole(String pgRole, String label) {
        this.pgRole = pgRole;
        this.label = label;
    }

    /** The PostgreSQL group role a DBA grants for it. */
    public String pgRole() {
        return pgRole;
    }

    /** "admin", "operator", "viewer". */
    public String label() {
        return label;
    }

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(StoreRole needed) {
        return compareTo(needed) >= 0;
    }
}
