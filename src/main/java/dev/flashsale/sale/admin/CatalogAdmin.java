package dev.flashsale.sale.admin;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.EditConflictException;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.SaleStatus;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.sale.persistence.CampaignRepository;
import dev.flashsale.sale.persistence.ProductRepository;
import dev.flashsale.sale.persistence.SaleRepository;
import dev.flashsale.store.Database;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Admin writes: products and flash sales. Each checks every rule, writes in one transaction or
 * not at all, and then invalidates exactly the cache keys the write affects, so the storefront's
 * next answer is already the new one.
 */
public final class CatalogAdmin {


    private final Database db;
    private final ProductRepository products;
    private final SaleRepository sales;
    private final Clock clock;
    private final SaleWrites writes;
    private final CampaignRepository campaigns;

    /** For one process alone on its database (tests, tools): a private origin name. */
    public CatalogAdmin(Database db, TtlCache<Object> cache, Clock clock) {
        this(db, new Invalidator(db, cache, clock, "admin-" + UUID.randomUUID()), clock);
    }

    public CatalogAdmin(Database db, Invalidator invalidator, Clock clock) {
        this.db = db;
        this.products = new ProductRepository(db);
        this.sales = new SaleRepository(db);
        this.clock = clock;
        this.writes = new SaleWrites(db, products, sales, invalidator);
        this.campaigns = new CampaignRepository(db);
    }

    // ------------------------------------------------------------------ reads for the console

    public List<Product> products() {
        return db.read(products::findAll);
    }

    public List<FlashSale> sales() {
        return db.read(sales::findAll);
    }

    /**
     * Writes every sale as CSV ({@link SaleCsv#write}), products and sales read in one snapshot, so
     * a sale committed with its product during the export is in the file with its SKU, or not at
     * all. Returns the number of sales written.
     */
    public int exportSales(Writer out) {
        record Snapshot(Map<Long, String> skus, Map<Long, String> campaignNames, List<FlashSale> sales) {
        }
        Snapshot s = db.snapshot(c -> {
            Map<Long, String> skus = new HashMap<>();
            for (Product p : products.findAll(c)) {
                skus.put(p.id(), p.sku());
            }
            return new Snapshot(skus, campaignNames(c), sales.findAll(c));
        });
        SaleCsv.write(out, s.sales(), s.skus()::get, s.campaignNames()::get);
        return s.sales().size();
    }

    /** Every campaign's name by its id (for showing which campaign a sale belongs to). */
    public Map<Long, String> campaignNames() {
        return db.read(this::campaignNames);
    }

    private Map<Long, String> campaignNames(Connection c) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        for (Campaign.Listed k : campaigns.findAllCounted(c)) {
            names.put(k.campaign().id(), k.campaign().name());
        }
        return names;
    }

    public Optional<Product> product(long id) {
        return db.read(c -> products.find(c, id));
    }

    public Optional<FlashSale> sale(long id) {
        return db.read(c -> sales.find(c, id));
    }

    // ------------------------------------------------------------------ products

    public Product createProduct(String sku, String name, BigDecimal regularPrice, int stock) {
        Product draft = new Product(0, trim(sku), trim(name), regularPrice, stock);
        return writes.change((c, keys) -> {
            checkProduct(c, draft);
            long id = products.insert(c, draft, clock.instant());
            // a storefront may have been asked for this id before it existed (answers are not cached then)
            keys.add(CatalogKeys.price(id));
            keys.add(CatalogKeys.flashStatus(id));
            keys.add(CatalogKeys.PRODUCT_IDS);
            return new Product(id, draft.sku(), draft.name(), draft.regularPrice(), draft.stock(), 1);
        });
    }

    /**
     * Saves {@code changed} over the stored product if that is still at {@code changed.version()};
     * else throws {@link EditConflictException} and writes nothing. Returns the product as stored.
     */
    public Product updateProduct(Product changed) {
        Product draft = new Product(changed.id(), trim(changed.sku()), trim(changed.name()), changed.regularPrice(),
                changed.stock(), changed.version());
        writes.change((c, keys) -> {
            expectProductVersion(c, draft.id(), draft.version());
            checkProduct(c, draft);
            if (!products.update(c, draft, clock.instant())) {
                throw productConflict(c, draft.id());
            }
            // Its price answers and the listing (name, regular price) may change; its status cannot.
            keys.add(CatalogKeys.price(draft.id()));
            keys.add(CatalogKeys.ACTIVE_LISTING);
            return null;
        });
        return new Product(draft.id(), draft.sku(), draft.name(), draft.regularPrice(), draft.stock(), draft.version() + 1);
    }

    /** Deletes the product if it is still at {@code version} and has no sales. */
    public void deleteProduct(long productId, long version) {
        writes.change((c, keys) -> {
            Product p = expectProductVersion(c, productId, version);
            long n = sales.countByProduct(c, productId);
            if (n > 0) {
                throw new ValidationException("product", "\"" + p.name() + "\" has " + n + " flash sale"
                        + (n == 1 ? "" : "s") + "; delete " + (n == 1 ? "it" : "them")
                        + " first (ended sales are kept as records, so a product with one cannot be deleted)");
            }
            if (!products.delete(c, productId, version)) {
                throw productConflict(c, productId);
            }
            keys.add(CatalogKeys.price(productId));
            keys.add(CatalogKeys.flashStatus(productId));
            keys.add(CatalogKeys.PRODUCT_IDS);
            return null;
        });
    }

    private Product expectProductVersion(Connection c, long id, long version) throws SQLException {
        Optional<Product> current = products.find(c, id);
        if (current.isEmpty() || current.get().version() != version) {
            throw productConflict(c, id);
        }
        return current.get();
    }

    private EditConflictException productConflict(Connection c, long id) throws SQLException {
        return new EditConflictException("product", id, products.updatedAt(c, id).orElse(null));
    }

    private FlashSale expectSaleVersion(Connection c, long id, long version) throws SQLException {
        Optional<FlashSale> current = sales.find(c, id);
        if (current.isEmpty() || current.get().version() != version) {
            throw new EditConflictException("sale", id, current.map(FlashSale::updatedAt).orElse(null));
        }
        return current.get();
    }

    private void checkProduct(Connection c, Product p) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        String skuProblem = CatalogRules.textProblem("SKU", p.sku(), CatalogRules.MAX_SKU_LENGTH);
        if (skuProblem != null) {
            errors.add(new FieldError("sku", skuProblem));
        } else {
            Optional<Product> same = products.findBySku(c, p.sku());
            if (same.isPresent() && same.get().id() != p.id()) {
                errors.add(new FieldError("sku", "SKU " + p.sku() + " is already used by \"" + same.get().name() + "\""));
            }
        }
        CatalogRules.checkName(p.name(), errors);
        CatalogRules.checkPrice("price", "regular price", p.regularPrice(), errors);
        if (p.stock() < 0) {
            errors.add(new FieldError("stock", "stock must not be negative"));
        }
        SaleWrites.throwIfAny(errors);
    }

    // ------------------------------------------------------------------ flash sales

    public FlashSale createSale(long productId, BigDecimal flashPrice, Instant startsAt, Instant endsAt) {
        // The store keeps milliseconds; what we return must be what a read gives back.
        Instant now = SaleWrites.millis(clock.instant());
        Instant start = SaleWrites.millis(startsAt);
        Instant end = SaleWrites.millis(endsAt);
        return writes.change((c, keys) -> {
            FlashSale draft = new FlashSale(0, productId, flashPrice, start, end, now, now);
            writes.checkSale(c, draft, now);
            long id = sales.insert(c, draft);
            SaleWrites.productKeys(keys, productId);
            return new FlashSale(id, productId, flashPrice, start, end, now, now, 1);
        });
    }

    /**
     * Saves the sale over the stored one if that is still at {@code version}; else throws
     * {@link EditConflictException} and writes nothing. Returns the sale as stored.
     */
    public FlashSale updateSale(long saleId, long version, long productId, BigDecimal flashPrice, Instant startsAt,
                                Instant endsAt) {
        Instant now = SaleWrites.millis(clock.instant());
        Instant start = SaleWrites.millis(startsAt);
        Instant end = SaleWrites.millis(endsAt);
        return writes.change((c, keys) -> {
            FlashSale old = expectSaleVersion(c, saleId, version);
            if (old.statusAt(now) == SaleStatus.ENDED) {
                throw new ValidationException("sale", "this sale has ended and can no longer be edited");
            }
            FlashSale draft = new FlashSale(saleId, productId, flashPrice, start, end, old.createdAt(), now, version);
            writes.checkSale(c, draft, now);
            if (!sales.update(c, draft)) {
                throw new EditConflictException("sale", saleId, now);
            }
            SaleWrites.productKeys(keys, productId);
            SaleWrites.productKeys(keys, old.productId());
            return new FlashSale(saleId, productId, flashPrice, start, end, old.createdAt(), now, version + 1);
        });
    }

    /** Deletes the sale if it is still at {@code version} and has not ended. */
    public void deleteSale(long saleId, long version) {
        Instant now = clock.instant();
        writes.change((c, keys) -> {
            FlashSale old = expectSaleVersion(c, saleId, version);
            if (old.statusAt(now) == SaleStatus.ENDED) {
                throw new ValidationException("sale", "this sale has ended and is kept as a record; it cannot be deleted");
            }
            if (!sales.delete(c, saleId, version)) {
                throw new EditConflictException("sale", saleId, null);
            }
            SaleWrites.productKeys(keys, old.productId());
            return old;
        });
    }

    /** What an import did: sales created, sales updated (lines with a sale_id), lines that changed nothing. */
    public record ImportResult(int created, int updated, int unchanged) {
        public int size() {
            return created + updated;
        }

        public int lines() {
            return created + updated + unchanged;
        }
    }

    /** Told of each line an import reads; an import told to stop writes nothing. */
    @FunctionalInterface
    public interface ImportWatch {
        ImportWatch NONE = line -> true;

        /**
         * {@code line}: the file's line about to be checked (and the last line once more before the
         * import commits); false stops the import, which then writes nothing.
         */
        boolean carryOn(long line);
    }

    /** An import stopped by its {@link ImportWatch}: nothing was written. */
    public static final class ImportCancelledException extends RuntimeException {
        private final long line;

        public ImportCancelledException(long line) {
            super("the import was cancelled at line " + line + "; nothing was imported");
            this.line = line;
        }

        /** The line the import had reached. */
        public long line() {
            return line;
        }
    }

    /** How many refused lines an import lists; the rest are counted (a wrong file can have millions). */
    static final int REFUSALS_LISTED = 200;

    /** As {@link #importSales(Iterator, ImportWatch)}. */
    public ImportResult importSales(List<SaleCsv.Line> lines) {
        return importSales(lines.iterator(), ImportWatch.NONE);
    }

    /**
     * Imports sales all-or-nothing: every line is checked (its own format, then every domain rule,
     * overlaps with existing sales and with earlier lines included); if any fails, nothing is written
     * and the exception lists the failing lines by number (the first {@value #REFUSALS_LISTED}, then
     * how many more). A line with a {@code sale_id} (an exported file, edited) updates that sale if it
     * is still at the line's version; one equal to the stored sale changes nothing, so an ended sale
     * exported and imported again is no error. Lines are taken one at a time inside one transaction:
     * memory does not grow with the file (only with the sale ids it names, a bit each).
     */
    public ImportResult importSales(Iterator<SaleCsv.Line> lines, ImportWatch watch) {
        Instant now = SaleWrites.millis(clock.instant());
        return writes.change((c, keys) -> {
            Set<Long> touched = new LinkedHashSet<>();
            List<FieldError> errors = new ArrayList<>();
            long refused = 0;
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            SeenIds seenIds = new SeenIds();
            long lastLine = 1;
            while (lines.hasNext()) {
                SaleCsv.Line line = lines.next();
                lastLine = line.number();
                if (!watch.carryOn(lastLine)) {
                    throw new ImportCancelledException(lastLine);
                }
                String at = "line " + line.number();
                String problem = null;
                if (line.error() != null) {
                    problem = line.error();
                } else {
                    try {
                        switch (importLine(c, line, now, seenIds, touched)) {
                            case CREATED -> created++;
                            case UPDATED -> updated++;
                            default -> unchanged++;
                        }
                    } catch (ValidationException e) {
                        problem = e.getMessage();
                    }
                }
                if (problem != null && ++refused <= REFUSALS_LISTED) {
                    errors.add(new FieldError(at, at + ": " + problem));
                }
            }
            if (!watch.carryOn(lastLine)) { // a cancel after the last line still writes nothing
                throw new ImportCancelledException(lastLine);
            }
            if (refused > REFUSALS_LISTED) {
                errors.add(new FieldError("file", "... and " + (refused - REFUSALS_LISTED) + " more lines refused"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors); // rolls the whole import back
            }
            if (created + updated + unchanged == 0) {
                throw new ValidationException("file", "the file holds no sales");
            }
            touched.forEach(id -> SaleWrites.productKeys(keys, id));
            return new ImportResult(created, updated, unchanged);
        });
    }

    private enum LineOutcome { CREATED, UPDATED, UNCHANGED }

    private LineOutcome importLine(Connection c, SaleCsv.Line line, Instant now, SeenIds seenIds, Set<Long> touched)
            throws SQLException {
        Optional<Product> product = products.findBySku(c, line.sku());
        if (product.isEmpty()) {
            throw new ValidationException("sku", "no product with SKU " + line.sku());
        }
        Instant start = SaleWrites.millis(line.startsAt());
        Instant end = SaleWrites.millis(line.endsAt());
        Campaign campaign = line.campaign() == null ? null : campaignOf(c, line.campaign(), now);
        if (line.saleId() == null) {
            FlashSale draft = new FlashSale(0, product.get().id(), line.flashPrice(), start, end, now, now);
            writes.checkSale(c, draft, now);
            if (campaign == null) {
                sales.insert(c, draft); // later lines are checked against it
            } else {
                sales.insertInCampaign(c, draft, campaign.id());
            }
            touched.add(draft.productId());
            return LineOutcome.CREATED;
        }
        long id = line.saleId();
        Optional<FlashSale> stored = sales.find(c, id);
        if (stored.isEmpty()) {
            throw new ValidationException("sale", "sale #" + id + " does not exist (deleted since the export?);"
                    + " empty its sale_id to create it anew");
        }
        if (!seenIds.add(id)) { // after the lookup: only ids the store holds are remembered
            throw new ValidationException("sale", "sale_id " + id + " appears on an earlier line too");
        }
        if (campaign != null && stored.get().campaignId() != campaign.id()) {
            throw new ValidationException("campaign", "sale #" + id + " is not in campaign \"" + campaign.name()
                    + "\"; an import does not move a sale between campaigns (empty the cell to leave it as it is)");
        }
        FlashSale old = stored.get();
        if (old.version() != line.version()) {
            throw new ValidationException("sale", "sale #" + id + " was changed at " + old.updatedAt()
                    + " since this file was exported (version " + old.version() + ", the file has "
                    + line.version() + "); export again and redo the edit");
        }
        if (old.productId() == product.get().id() && old.flashPrice().compareTo(line.flashPrice()) == 0
                && old.startsAt().equals(start) && old.endsAt().equals(end)) {
            return LineOutcome.UNCHANGED;
        }
        if (old.statusAt(now) == SaleStatus.ENDED) {
            throw new ValidationException("sale", "sale #" + id + " has ended and can no longer be edited");
        }
        FlashSale draft = new FlashSale(id, product.get().id(), line.flashPrice(), start, end, old.createdAt(),
                now, old.version());
        writes.checkSale(c, draft, now);
        if (!sales.update(c, draft)) {
            // Another write committed between our read of the version and this update
            // (PostgreSQL's READ COMMITTED lets it in while we waited for the product row).
            FlashSale changed = sales.find(c, id).orElse(null);
            throw new ValidationException("sale", "sale #" + id + (changed == null ? " was deleted"
                    : " was changed at " + changed.updatedAt()) + " while this file was being imported;"
                    + " export again and redo the edit");
        }
        touched.add(old.productId());
        touched.add(draft.productId());
        return LineOutcome.UPDATED;
    }

    /** The campaign a line names, if a new sale may still join it. */
    private Campaign campaignOf(Connection c, String name, Instant now) throws SQLException {
        Campaign k = campaigns.findByName(c, name)
                .orElseThrow(() -> new ValidationException("campaign", "no campaign named \"" + name + "\""));
        Campaign.Status status = k.statusAt(now);
        if (status == Campaign.Status.CANCELLED || status == Campaign.Status.ENDED) {
            throw new ValidationException("campaign", "campaign \"" + name + "\" " + (status == Campaign.Status.CANCELLED
                    ? "was cancelled" : "has ended") + "; no sale joins it any more");
        }
        return k;
    }

    /**
     * The sale ids an import has met, a bit each: ids are the store's own (looked up first), so the
     * set is as large as the store's highest id, whatever the file holds.
     */
    private static final class SeenIds {
        private final BitSet small = new BitSet();
        private final Set<Long> large = new HashSet<>();

        boolean add(long id) {
            if (id >= 0 && id < Integer.MAX_VALUE) {
                boolean had = small.get((int) id);
                small.set((int) id);
                return !had;
            }
            return large.add(id);
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
