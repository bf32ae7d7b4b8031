package dev.flashsale.sale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** Prices: exact decimals with at most two places, shown and stored with two. */
public final class Money {
    /**
     * At least one ASCII digit, before or after the point: a lone sign, a lone point and the
     * prefixes people pass through while typing ({@code -}, {@code +.}) are not numbers.
     * {@code \d} is ASCII-only here on purpose: digits of other scripts are refused, not guessed.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]{1,15}(?:\\.[0-9]*)?|\\.[0-9]+)");
    /** Longer input is not a price anyone meant; refusing it early keeps the regex cheap. */
    private static final int MAX_LENGTH = 40;

    private Money() {
    }

    /** Parses a price typed by a user, or returns null if it is not a number. Never throws. */
    public static BigDecimal parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        String t = text.strip();
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null; // unreachable for what the pattern admits; kept so no input can throw
        }
    }

    /** Two decimal places, for storing and showing ("39.00"). */
    public static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    static boolean hasAtMostTwoDecimals(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 2;
    }
}
