package dev.flashsale.sale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a campaign would do before it is saved: the new price of each product, the products it
 * cannot take (a price that would not go down, or would reach 0), and the existing sales its window
 * would overlap. It is saved only when nothing is refused and nothing overlaps.
 */
public record CampaignPlan(List<Item> items, List<Refusal> refused, List<Overlap> overlaps) {

    /** A product the campaign takes, at {@code price}. */
    public record Item(Product product, BigDecimal price) {
        /** How much lower than the regular price, in percent (two decimals). */
        public BigDecimal discountPercent() {
            BigDecimal regular = product.regularPrice();
            return regular.subtract(price).multiply(new BigDecimal(100)).divide(regular, 2, RoundingMode.HALF_UP);
        }
    }

    /** A product the campaign cannot take, and why. */
    public record Refusal(String sku, String reason) {
    }

    /** An existing sale of one of the campaign's products that shares an instant with its window. */
    public record Overlap(Product product, FlashSale sale) {
    }

    public CampaignPlan {
        items = List.copyOf(items);
        refused = List.copyOf(refused);
        overlaps = List.copyOf(overlaps);
    }

    /** Prices {@code products} by {@code rule}; overlaps are the store's to find ({@link #withOverlaps}). */
    public static CampaignPlan price(List<Product> products, CampaignRule rule) {
        List<Item> items = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (Product p : products) {
            BigDecimal price = rule.priceFor(p.regularPrice());
            if (price.signum() <= 0) {
                refused.add(new Refusal(p.sku(), "the price would reach " + Money.format(price.max(BigDecimal.ZERO))
                        + " (regular " + Money.format(p.regularPrice()) + ", " + rule.describe() + ")"));
            } else if (price.compareTo(p.regularPrice()) >= 0) {
                refused.add(new Refusal(p.sku(), "the price would not go down (regular "
                        + Money.format(p.regularPrice()) + ", " + rule.describe() + ": " + Money.format(price) + ")"));
            } else {
                items.add(new Item(p, price));
            }
        }
        return new CampaignPlan(items, refused, List.of());
    }

    public CampaignPlan withOverlaps(List<Overlap> found) {
        return new CampaignPlan(items, refused, found);
    }

    /** The same plan with more refusals (e.g. SKUs that name no product). */
    public CampaignPlan withRefused(List<Refusal> more) {
        List<Refusal> all = new ArrayList<>(more);
        all.addAll(refused);
        return new CampaignPlan(items, all, overlaps);
    }

    public boolean ok() {
        return !items.isEmpty() && refused.isEmpty() && overlaps.isEmpty();
    }

    public Optional<BigDecimal> lowestDiscount() {
        return items.stream().map(Item::discountPercent).min(BigDecimal::compareTo);
    }

    public Optional<BigDecimal> highestDiscount() {
        return items.stream().map(Item::discountPercent).max(BigDecimal::compareTo);
    }

    public Optional<BigDecimal> averageDiscount() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.stream().map(Item::discountPercent)
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(new BigDecimal(items.size()), 2, RoundingMode.HALF_UP));
    }

    /** Every reason the plan cannot be saved, one line each. */
    public List<FieldError> problems(ZoneId zone) {
        List<FieldError> out = new ArrayList<>();
        for (Refusal r : refused) {
            out.add(new FieldError("products", r.sku() + ": " + r.reason()));
        }
        DateTimeFormatter when = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH).withZone(zone);
        for (Overlap o : overlaps) {
            // in the zone the campaign is typed in: the admin compares it with the window they typed
            out.add(new FieldError("products", o.product().sku() + ": overlaps sale #" + o.sale().id() + " of \""
                    + o.product().name() + "\" (" + when.format(o.sale().startsAt()) + " to "
                    + when.format(o.sale().endsAt()) + " " + zone.getId() + ")"));
        }
        if (items.isEmpty() && refused.isEmpty()) {
            out.add(new FieldError("products", "a campaign needs at least one product"));
        }
        return out;
    }
}
