package dev.flashsale.sale;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The catalog's rules that need nothing but the value: lengths, prices, the window a sale may
 * take. The console's forms check them as people type, the CSV reader per line, and the
 * administration again before writing (with the rules that need the store: a SKU in use, an
 * overlapping sale).
 */
public final class CatalogRules {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_SKU_LENGTH = 64;
    public static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");
    /** Sales live between these instants: the store keeps epoch milliseconds, and no sale is older or later. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(30);

    private CatalogRules() {
    }

    public static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "name is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "name must be at most " + MAX_NAME_LENGTH + " characters (it has "
                    + name.length() + ")"));
        } else if (hasControlCharacters(name)) {
            errors.add(new FieldError("name", "name must not contain control characters (tabs, line breaks)"));
        }
    }

    /** What is wrong with a required one-line text called {@code label} (a SKU, a name), or null when nothing is. */
    public static String textProblem(String label, String text, int maxLength) {
        if (text == null || text.isEmpty()) {
            return label + " is required";
        }
        if (text.length() > maxLength) {
            return label + " must be at most " + maxLength + " characters";
        }
        if (hasControlCharacters(text)) {
            return label + " must not contain control characters (tabs, line breaks)";
        }
        return null;
    }

    /** Tabs, line breaks and other control characters: invisible in a table cell, so refused in names and SKUs. */
    public static boolean hasControlCharacters(String s) {
        return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL);
    }

    public static boolean checkPrice(String field, String label, BigDecimal price, List<FieldError> errors) {
        if (price == null) {
            errors.add(new FieldError(field, label + " is required"));
            return false;
        }
        if (price.signum() <= 0) {
            errors.add(new FieldError(field, label + " must be greater than 0"));
            return false;
        }
        if (!Money.hasAtMostTwoDecimals(price)) {
            errors.add(new FieldError(field, label + " must have at most 2 decimals"));
            return false;
        }
        if (price.compareTo(MAX_PRICE) >= 0) {
            errors.add(new FieldError(field, label + " must be below 1,000,000,000"));
            return false;
        }
        return true;
    }

    /** Outside the years a sale may lie in. */
    public static boolean outOfRange(Instant t) {
        return t.isBefore(EARLIEST) || t.isAfter(LATEST);
    }
}
