package dev.flashsale.sale.admin;

import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CampaignPlan;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.CatalogRules;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    public record Preview(CampaignPlan plan, List<FieldError> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

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
        return shift(name, Period.ZERO, by);
    }

    /**
     * As {@link #shift(String, Duration)}, by {@code days} on the calendar of the campaign's zone
     * (09:00 stays 09:00 across a daylight-saving change, as people mean "a day later") and then
     * {@code time} exactly.
     */
    public Campaign shift(String name, Period days, Duration time) {
        Instant now = SaleWrites.millis(clock.instant());
        Duration step = Duration.ofMillis(time.toMillis());
        return writes.change((c, keys) -> {
            Campaign k = editable(c, name, now);
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
                clash(c, moved).ifPresent(errors::add);
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
        Instant now = SaleWrites.millis(clock.instant());
        return writes.change((c, keys) -> {
            Campaign k = editable(c, name, now);
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
            return new Preview(new CampaignPlan(List.of(), List.of(), List.of()), problems);
        }
        List<Product> found = new ArrayList<>();
        List<CampaignPlan.Refusal> unknown = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : draft.skus()) {
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
        CampaignPlan plan = CampaignPlan.price(found, draft.rule()).withRefused(unknown);
        if (windowOk) {
            List<CampaignPlan.Overlap> overlaps = new ArrayList<>();
            for (CampaignPlan.Item item : plan.items()) {
                if (lock) {
                    db.lockRow(c, "product", item.product().id()); // as a single sale's save does
                }
                List<FlashSale> clash = sales.overlapping(c, item.product().id(), start, end, 0);
                if (!clash.isEmpty()) {
                    overlaps.add(new CampaignPlan.Overlap(item.product(), clash.get(0)));
                }
            }
            plan = plan.withOverlaps(overlaps);
        }
        problems.addAll(plan.problems());
        return new Preview(plan, problems);
    }

    private Campaign editable(Connection c, String name, Instant now) throws SQLException {
        Campaign k = campaigns.findByName(c, name == null ? "" : name.strip())
                .orElseThrow(() -> new ValidationException("name", "no campaign named \"" + name + "\""));
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
    private Optional<FieldError> clash(Connection c, FlashSale moved) throws SQLException {
        db.lockRow(c, "product", moved.productId());
        List<FlashSale> clash = sales.overlapping(c, moved.productId(), moved.startsAt(), moved.endsAt(), moved.id());
        if (clash.isEmpty()) {
            return Optional.empty();
        }
        FlashSale other = clash.get(0);
        String sku = products.find(c, moved.productId()).map(Product::sku).orElse("#" + moved.productId());
        return Optional.of(new FieldError("products", sku + ": the moved sale would overlap sale #" + other.id() + " ("
                + other.startsAt() + " to " + other.endsAt() + ")"));
    }

    private void updateOrRefuse(Connection c, Campaign k) throws SQLException {
        if (!campaigns.update(c, k)) {
            throw new ValidationException("campaign", "campaign \"" + k.name() + "\" was changed by someone else"
                    + " meanwhile; look at it again");
        }
    }
}
