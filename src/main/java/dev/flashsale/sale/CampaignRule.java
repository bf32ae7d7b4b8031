package dev.flashsale.sale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a campaign prices each of its products from the regular price: a percentage off, an amount
 * off, or one flash price for all; then, optionally, down to the nearest price ending in given
 * cents ({@code ending} 0.99: 17.50 becomes 16.99, 17.99 stays). A price that would not go down, or
 * would reach 0, is the plan's to refuse ({@link CampaignPlan}), not the rule's.
 */
public record CampaignRule(Kind kind, BigDecimal value, BigDecimal ending) {

    public enum Kind {
        PERCENT_OFF("percent-off"), AMOUNT_OFF("amount-off"), PRICE("price");

        private final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    private static final BigDecimal HUNDRED = new BigDecimal(100);

    /** Refuses a value the rule cannot take, with every reason. */
    public CampaignRule {
        List<FieldError> errors = new ArrayList<>();
        if (kind == null) {
            errors.add(new FieldError("rule", "choose a rule: percent off, amount off or a flash price"));
        } else if (value == null) {
            errors.add(new FieldError("rule", label(kind) + " is required"));
        } else if (kind == Kind.PERCENT_OFF) {
            if (value.signum() <= 0 || value.compareTo(HUNDRED) >= 0 || !Money.hasAtMostTwoDecimals(value)) {
                errors.add(new FieldError("rule", "percent off must be above 0 and below 100, with at most 2 decimals"
                        + " (got " + value.toPlainString() + ")"));
            }
        } else {
            CatalogRules.checkPrice("rule", label(kind), value, errors);
        }
        if (ending != null && (ending.signum() < 0 || ending.compareTo(BigDecimal.ONE) >= 0
                || !Money.hasAtMostTwoDecimals(ending))) {
            errors.add(new FieldError("rounding", "a price ending must be cents, from .00 to .99 (got "
                    + ending.toPlainString() + ")"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        value = value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
        ending = ending == null ? null : ending.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static CampaignRule percentOff(String percent) {
        return new CampaignRule(Kind.PERCENT_OFF, number(percent, "percent off"), null);
    }

    public static CampaignRule amountOff(String amount) {
        return new CampaignRule(Kind.AMOUNT_OFF, number(amount, "amount off"), null);
    }

    public static CampaignRule price(String price) {
        return new CampaignRule(Kind.PRICE, number(price, "flash price"), null);
    }

    /** The same rule, then down to a price ending in {@code cents} (".99", "0.99" or "99"); null or blank: none. */
    public CampaignRule endingIn(String cents) {
        if (cents == null || cents.isBlank()) {
            return new CampaignRule(kind, value, null);
        }
        String t = cents.strip();
        String digits = t.startsWith("0.") ? t.substring(2) : t.startsWith(".") ? t.substring(1) : t;
        if (!digits.matches("[0-9]{2}")) {
            throw new ValidationException("rounding", "a price ending must be two digits of cents, like .99 (got '"
                    + cents + "')");
        }
        return new CampaignRule(kind, value, new BigDecimal("0." + digits));
    }

    /** The flash price of a product whose regular price is {@code regular}. */
    public BigDecimal priceFor(BigDecimal regular) {
        BigDecimal raw = switch (kind) {
            case PERCENT_OFF -> regular.multiply(HUNDRED.subtract(value)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            case AMOUNT_OFF -> regular.subtract(value).setScale(2, RoundingMode.UNNECESSARY);
            case PRICE -> value.setScale(2, RoundingMode.UNNECESSARY);
        };
        if (ending == null) {
            return raw;
        }
        // the largest price not above raw whose cents are the ending: 17.50 -> 16.99, 17.99 -> 17.99
        BigDecimal whole = raw.subtract(ending).setScale(0, RoundingMode.FLOOR);
        return whole.add(ending);
    }

    /** For people: "20 % off", "5.00 off", "price 9.99", with ", ending in .99". */
    public String describe() {
        String base = switch (kind) {
            case PERCENT_OFF -> value.toPlainString() + " % off";
            case AMOUNT_OFF -> Money.format(value) + " off";
            case PRICE -> "price " + Money.format(value);
        };
        return ending == null ? base : base + ", ending in ." + ending.toPlainString().substring(2);
    }

    /** As the store keeps it: "percent-off 20", "amount-off 5.00 ending 0.99". */
    public String stored() {
        String v = kind == Kind.PERCENT_OFF ? value.toPlainString() : Money.format(value);
        return kind.word + " " + v + (ending == null ? "" : " ending " + ending.toPlainString());
    }

    /** The rule {@link #stored()} wrote. */
    public static CampaignRule parse(String stored) {
        String[] w = stored.strip().split(" ");
        for (Kind k : Kind.values()) {
            if (k.word.equals(w[0]) && (w.length == 2 || (w.length == 4 && w[2].equals("ending")))) {
                return new CampaignRule(k, new BigDecimal(w[1]), w.length == 4 ? new BigDecimal(w[3]) : null);
            }
        }
        throw new IllegalArgumentException("not a campaign rule: " + stored);
    }

    private static String label(Kind kind) {
        return switch (kind) {
            case PERCENT_OFF -> "percent off";
            case AMOUNT_OFF -> "amount off";
            case PRICE -> "flash price";
        };
    }

    private static BigDecimal number(String text, String label) {
        BigDecimal n = text == null ? null : Money.parse(text.strip());
        if (n == null) {
            throw new ValidationException("rule", label + " must be a number like " + (label.startsWith("percent")
                    ? "20" : "5.00") + " (got '" + text + "')");
        }
        return n;
    }

    @Override
    public String toString() {
        return describe().toLowerCase(Locale.ROOT);
    }
}
