package dev.flashsale.sale;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices: exact decimals with at most two places, shown and stored with two. */
public final class Money {
    private Money() {
    }

    /** Parses a price typed by a user, or returns null if it is not a number. */
    public static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty() || !t.matches("[+-]?\\d{0,15}(\\.\\d*)?") || t.equals(".")) {
            return null;
        }
        return new BigDecimal(t);
    }

    /** Two decimal places, for storing and showing ("39.00"). */
    public static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    static boolean hasAtMostTwoDecimals(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 2;
    }
}
