package dev.flashsale.sale.admin;

import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CampaignPlan;
import dev.flashsale.sale.CampaignRule;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Campaigns as one thing: planned and seen before they are saved, saved all or nothing (the
 * campaign and every product's sale in one transaction, with one invalidation for all of them),
 * shifted and cancelled as one. Its sales are ordinary flash sales: the storefront and the cache
 * know nothing of campaigns.
 */
public final class CampaignAdmin {

    /** A campaign as an admin describes it: name, window (and the zone it was typed in), rule, products by SKU. */
    public record Draft(String name, Instant startsAt, Instant endsAt, ZoneId zone, CampaignRule rule, List<String> skus) {
    }

    /** What saving a draft would do, and what stops it (name and window problems, then the plan's). */
    public record Preview(CampaignPlan plan, List<FieldError> problems, Changes changes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** What an edit does to the campaign's sales: new products, products taken out, prices changed. */
    public record Changes(int added, int removed, int repriced) {
        public boolean none() {
            return added == 0 && removed == 0 && repriced == 0;
        }
    }

    /** A campaign with the SKUs of its sales that have not ended: what an edit starts from. */
    public record Current(Campaign campaign, List<String> skus) {
    }

    /** Shift and cancel from the command line act on the campaign as it is, whatever its version. */
    public static final long ANY_VERSION = -1;

    private final Database db;
    private final ProductRepository products;
    private final SaleRepository sales;
    private final CampaignRepository campaigns;
    private final SaleWrites writes;
    private final Clock clock;

    public CampaignAdmin(Database db, Invalidator invalidator, Clock clock) {
        this.db = db;
        this.products = new ProductRepository(db);
        this.sales = new SaleRepository(db);
        this.campaigns = new CampaignRepository(db);
        this.writes = new SaleWrites(db, products, sales, invalidator);
        this.clock = clock;
    }

    /** Every campaign with its number of sales, the newest window first. */
    public List<Campaign.Listed> list() {
        return db.read(campaigns::findAllCounted);
    }

    public Optional<Campaign> find(String name) {
        return db.read(c -> campaigns.findByName(c, name));
    }

    /** What {@link #create} would save, and every reason it would refuse to; writes nothing. */
    public Preview preview(Draft draft) {
        Instant now = SaleWrites.millis(clock.instant());
        return db.read(c -> preview(c, draft, now, false));
    }

    /** Saves the campaign and a sale per product, all or nothing; refused with every reason otherwise. */
    public Campaign create(Draft draft) {
        Instant now = SaleWrites.millis(clock.instant());
        return writes.change((c, keys) -> {
            Preview p = preview(c, draft, now, true);
            SaleWrites.throwIfAny(p.problems());
            Instant start = SaleWrites.millis(draft.startsAt());
            Instant end = SaleWrites.millis(draft.endsAt());
            Campaign made = new Campaign(0, draft.name().strip(), start, end, draft.zone(), draft.rule(), null, now,
                    now, 1);
            long id = campaigns.insert(c, made);
            for (CampaignPlan.Item item : p.plan().items()) {
                sales.insertInCampaign(c, new FlashSale(0, item.product().id(), item.price(), start, end, now, now), id);
                SaleWrites.productKeys(keys, item.product().id());
            }
            return new Campaign(id, made.name(), start, end, made.zone(), made.rule(), null, now, now, 1);
        });
    }

    /**
     * Moves the campaign's window and every sale of it that has not ended by {@code by} (negative:
     * earlier); sales that ended stay as history. Refused, with every reason, if a moved sale would
     * overlap another sale of its product or the window would be over.
     */
    public Campaign shift(String name, Duration by) {
        return shift(name, ANY_VERSION, Period.ZERO, by);
    }

    /**
     * As {@link #shift(String, Duration)}, by {@code days} on the calendar of the campaign's zone
     * (09:00 stays 09:00 across a daylight-saving change, as people mean "a day later") and then
     * {@code time} exactly. {@code version}: the version the admin saw ({@link #ANY_VERSION}: any);
     * another admin's change since is an {@link EditConflictException}, nothing written.
     */
    public Campaign shift(String name, long version, Period days, Duration time) {
        Instant now = SaleWrites.millis(clock.instant());
        Duration step = Duration.ofMillis(time.toMillis());
        return writes.change((c, keys) -> {
            Campaign k = editable(c, name, version, now);
            UnaryOperator<Instant> move = t -> t.atZone(k.zone()).plus(days).toInstant().plus(step);
            Instant start = move.apply(k.startsAt());
            Instant end = move.apply(k.endsAt());
            List<FieldError> errors = new ArrayList<>();
            SaleWrites.checkWindow(start, end, now, "campaign", errors);
            SaleWrites.throwIfAny(errors);
            List<FlashSale> moving = new ArrayList<>();
            for (FlashSale s : sales.findByCampaign(c, k.id())) {
                if (s.statusAt(now) == SaleStatus.ENDED) {
                    continue;
                }
                FlashSale moved = new FlashSale(s.id(), s.productId(), s.flashPrice(), move.apply(s.startsAt()),
                        move.apply(s.endsAt()), s.createdAt(), now, s.version(), s.campaignId());
                clash(c, moved, k.zone()).ifPresent(errors::add);
                moving.add(moved);
            }
            SaleWrites.throwIfAny(errors);
            for (FlashSale s : moving) {
                if (!sales.update(c, s)) {
                    throw new ValidationException("campaign", "sale #" + s.id() + " of the campaign was changed while"
                            + " it was being moved; try again");
                }
                SaleWrites.productKeys(keys, s.productId());
            }
            Campaign shifted = new Campaign(k.id(), k.name(), start, end, k.zone(), k.rule(), null, k.createdAt(), now,
                    k.version());
            updateOrRefuse(c, shifted);
            return new Campaign(k.id(), k.name(), start, end, k.zone(), k.rule(), null, k.createdAt(), now,
                    k.version() + 1);
        });
    }

    /**
     * Cancels the campaign: its sales that have not ended are deleted (the storefront stops showing
     * them at once), those that ended stay as history, and the campaign is kept, marked cancelled.
     */
    public Campaign cancel(String name) {
        return cancel(name, ANY_VERSION);
    }

    /** As {@link #cancel(String)}, refused with an {@link EditConflictException} if the campaign is past {@code version}. */
    public Campaign cancel(String name, long version) {
        Instant now = SaleWrites.millis(clock.instant());
        return writes.change((c, keys) -> {
            Campaign k = editable(c, name, version, now);
            for (FlashSale s : sales.findByCampaign(c, k.id())) {
                if (s.statusAt(now) == SaleStatus.ENDED) {
                    continue;
                }
                if (!sales.delete(c, s.id(), s.version())) {
                    throw new ValidationException("campaign", "sale #" + s.id() + " of the campaign was changed while"
                            + " it was being cancelled; try again");
                }
                SaleWrites.productKeys(keys, s.productId());
            }
            Campaign cancelled = new Campaign(k.id(), k.name(), k.startsAt(), k.endsAt(), k.zone(), k.rule(), now,
                    k.createdAt(), now, k.version());
            updateOrRefuse(c, cancelled);
            return new Campaign(k.id(), k.name(), k.startsAt(), k.endsAt(), k.zone(), k.rule(), now, k.createdAt(),
                    now, k.version() + 1);
        });
    }

    /** The campaign named {@code name} and the SKUs of its sales that have not ended, or empty. */
    public Optional<Current> current(String name) {
        Instant now = clock.instant();
        return db.read(c -> {
            Optional<Campaign> k = campaigns.findByName(c, name);
            if (k.isEmpty()) {
                return Optional.empty();
            }
            List<String> skus = new ArrayList<>();
            for (FlashSale s : live(c, k.get(), now).values()) {
                products.find(c, s.productId()).ifPresent(p -> skus.add(p.sku()));
            }
            return Optional.of(new Current(k.get(), skus));
        });
    }

    /** What {@link #edit} would do with this rule and these products; writes nothing. */
    public Preview previewEdit(String name, CampaignRule rule, List<String> skus) {
        Instant now = SaleWrites.millis(clock.instant());
        return db.read(c -> {
            Campaign k = editable(c, name, ANY_VERSION, now);
            return previewEdit(c, k, rule, skus, live(c, k, now), false);
        });
    }

    /**
     * Changes the campaign's rule and products as one: products new to the list get a sale over the
     * campaign's window, products left out lose their sale (if it has not ended), the others take
     * the rule's price. All or nothing, refused with every reason; {@code version} is the version
     * the admin edited (another admin's change since is an {@link EditConflictException}).
     */
    public Campaign edit(String name, long version, CampaignRule rule, List<String> skus) {
        Instant now = SaleWrites.millis(clock.instant());
        return writes.change((c, keys) -> {
            Campaign k = editable(c, name, version, now);
            Map<Long, FlashSale> own = live(c, k, now);
            Preview p = previewEdit(c, k, rule, skus, own, true);
            SaleWrites.throwIfAny(p.problems());
            Set<Long> kept = new HashSet<>();
            for (CampaignPlan.Item item : p.plan().items()) {
                long pid = item.product().id();
                kept.add(pid);
                FlashSale s = own.get(pid);
                if (s == null) {
                    sales.insertInCampaign(c, new FlashSale(0, pid, item.price(), k.startsAt(), k.endsAt(), now, now),
                            k.id());
                    SaleWrites.productKeys(keys, pid);
                } else if (s.flashPrice().compareTo(item.price()) != 0) {
                    FlashSale repriced = new FlashSale(s.id(), pid, item.price(), s.startsAt(), s.endsAt(), s.createdAt(),
                            now, s.version(), s.campaignId());
                    if (!sales.update(c, repriced)) {
                        throw changedMeanwhile(s);
                    }
                    SaleWrites.productKeys(keys, pid);
                }
            }
            for (FlashSale s : own.values()) {
                if (!kept.contains(s.productId())) {
                    if (!sales.delete(c, s.id(), s.version())) {
                        throw changedMeanwhile(s);
                    }
                    SaleWrites.productKeys(keys, s.productId());
                }
            }
            Campaign edited = new Campaign(k.id(), k.name(), k.startsAt(), k.endsAt(), k.zone(), rule, null,
                    k.createdAt(), now, k.version());
            updateOrRefuse(c, edited);
            return new Campaign(k.id(), k.name(), k.startsAt(), k.endsAt(), k.zone(), rule, null, k.createdAt(), now,
                    k.version() + 1);
        });
    }

    private static ValidationException changedMeanwhile(FlashSale s) {
        return new ValidationException("campaign", "sale #" + s.id() + " of the campaign was changed while the"
                + " campaign was being edited; look at it again");
    }

    /** The campaign's sales that have not ended, by product. */
    private Map<Long, FlashSale> live(Connection c, Campaign k, Instant now) throws SQLException {
        Map<Long, FlashSale> own = new LinkedHashMap<>();
        for (FlashSale s : sales.findByCampaign(c, k.id())) {
            if (s.statusAt(now) != SaleStatus.ENDED) {
                own.put(s.productId(), s);
            }
        }
        return own;
    }

    private Preview previewEdit(Connection c, Campaign k, CampaignRule rule, List<String> skus,
                                Map<Long, FlashSale> own, boolean lock) throws SQLException {
        List<FieldError> problems = new ArrayList<>();
        if (rule == null) {
            problems.add(new FieldError("rule", "choose a rule: percent off, amount off or a flash price"));
            return new Preview(new CampaignPlan(List.of(), List.of(), List.of()), problems, new Changes(0, 0, 0));
        }
        CampaignPlan plan = plan(c, rule, skus, k.startsAt(), k.endsAt(), own, lock);
        problems.addAll(plan.problems(k.zone()));
        int added = 0;
        int repriced = 0;
        Set<Long> kept = new HashSet<>();
        for (CampaignPlan.Item item : plan.items()) {
            FlashSale s = own.get(item.product().id());
            kept.add(item.product().id());
            if (s == null) {
                added++;
            } else if (s.flashPrice().compareTo(item.price()) != 0) {
                repriced++;
            }
        }
        int removed = (int) own.keySet().stream().filter(id -> !kept.contains(id)).count();
        return new Preview(plan, problems, new Changes(added, removed, repriced));
    }

    /**
     * The products {@code skus} name, priced by {@code rule}, with unknown SKUs refused and the
     * sales of their products that {@code start}..{@code end} would overlap (other than their sale
     * in {@code own}, the campaign's own).
     */
    private CampaignPlan plan(Connection c, CampaignRule rule, List<String> skus, Instant start, Instant end,
                              Map<Long, FlashSale> own, boolean lock) throws SQLException {
        List<Product> found = new ArrayList<>();
        List<CampaignPlan.Refusal> unknown = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : skus) {
            String sku = raw == null ? "" : raw.strip();
            if (sku.isEmpty() || !seen.add(sku)) {
                continue; // a pasted list has blank lines and repeats; each product once
            }
            Optional<Product> p = products.findBySku(c, sku);
            if (p.isPresent()) {
                found.add(p.get());
            } else {
                unknown.add(new CampaignPlan.Refusal(sku, "no product with this SKU"));
            }
        }
        CampaignPlan plan = CampaignPlan.price(found, rule).withRefused(unknown);
        if (start == null || end == null) {
            return plan;
        }
        List<CampaignPlan.Overlap> overlaps = new ArrayList<>();
        for (CampaignPlan.Item item : plan.items()) {
            long pid = item.product().id();
            if (lock) {
                db.lockRow(c, "product", pid); // as a single sale's save does
            }
            FlashSale mine = own.get(pid);
            List<FlashSale> clash = sales.overlapping(c, pid, start, end, mine == null ? 0 : mine.id());
            if (!clash.isEmpty()) {
                overlaps.add(new CampaignPlan.Overlap(item.product(), clash.get(0)));
            }
        }
        return plan.withOverlaps(overlaps);
    }

    private Preview preview(Connection c, Draft draft, Instant now, boolean lock) throws SQLException {
        List<FieldError> problems = new ArrayList<>();
        String name = draft.name() == null ? null : draft.name().strip();
        String nameProblem = CatalogRules.textProblem("name", name, Campaign.MAX_NAME_LENGTH);
        if (nameProblem != null) {
            problems.add(new FieldError("name", nameProblem));
        } else if (campaigns.findByName(c, name).isPresent()) {
            problems.add(new FieldError("name", "a campaign named \"" + name + "\" exists already"));
        }
        Instant start = SaleWrites.millis(draft.startsAt());
        Instant end = SaleWrites.millis(draft.endsAt());
        boolean windowOk = SaleWrites.checkWindow(start, end, now, "campaign", problems);
        if (draft.rule() == null) {
            problems.add(new FieldError("rule", "choose a rule: percent off, amount off or a flash price"));
            return new Preview(new CampaignPlan(List.of(), List.of(), List.of()), problems, new Changes(0, 0, 0));
        }
        CampaignPlan plan = plan(c, draft.rule(), draft.skus(), windowOk ? start : null, windowOk ? end : null, Map.of(),
                lock);
        problems.addAll(plan.problems(draft.zone() == null ? ZoneOffset.UTC : draft.zone()));
        return new Preview(plan, problems, new Changes(plan.items().size(), 0, 0));
    }

    private Campaign editable(Connection c, String name, long version, Instant now) throws SQLException {
        Campaign k = campaigns.findByName(c, name == null ? "" : name.strip())
                .orElseThrow(() -> new ValidationException("name", "no campaign named \"" + name + "\""));
        if (version != ANY_VERSION && k.version() != version) {
            throw new EditConflictException("campaign", k.id(), k.updatedAt());
        }
        Campaign.Status status = k.statusAt(now);
        if (status == Campaign.Status.CANCELLED) {
            throw new ValidationException("name", "campaign \"" + k.name() + "\" was cancelled at " + k.cancelledAt());
        }
        if (status == Campaign.Status.ENDED) {
            throw new ValidationException("name", "campaign \"" + k.name() + "\" has ended (" + k.endsAt()
                    + "); it is kept as a record");
        }
        return k;
    }

    /** The reason a moved sale may not be saved (another sale of its product in the new window), if any. */
    private Optional<FieldError> clash(Connection c, FlashSale moved, ZoneId zone) throws SQLException {
        db.lockRow(c, "product", moved.productId());
        List<FlashSale> clash = sales.overlapping(c, moved.productId(), moved.startsAt(), moved.endsAt(), moved.id());
        if (clash.isEmpty()) {
            return Optional.empty();
        }
        FlashSale other = clash.get(0);
        String sku = products.find(c, moved.productId()).map(Product::sku).orElse("#" + moved.productId());
        DateTimeFormatter when = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH).withZone(zone);
        return Optional.of(new FieldError("products", sku + ": the moved sale would overlap sale #" + other.id() + " ("
                + when.format(other.startsAt()) + " to " + when.format(other.endsAt()) + " " + zone.getId() + ")"));
    }

    private void updateOrRefuse(Connection c, Campaign k) throws SQLException {
        if (!campaigns.update(c, k)) {
            throw new ValidationException("campaign", "campaign \"" + k.name() + "\" was changed by someone else"
                    + " meanwhile; look at it again");
        }
    }
}
