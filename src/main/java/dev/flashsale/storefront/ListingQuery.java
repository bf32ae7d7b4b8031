package dev.flashsale.storefront;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The active listing's query: {@code limit} (1 to {@link #MAX_LIMIT}) and {@code after} (a sale
 * id) ask for a page; without either, the whole listing, as before pages existed. Other
 * parameters (a cache-buster) are ignored.
 */
final class ListingQuery {
    static final int MAX_LIMIT = 500;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private ListingQuery() {
    }

    /** The page asked for, or null for the whole listing; {@link IllegalArgumentException} says what is wrong. */
    static Rendered.Page parse(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        String limit = null;
        String after = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.equals("limit")) {
                if (limit != null) {
                    throw new IllegalArgumentException("limit is given twice");
                }
                limit = value;
            } else if (name.equals("after")) {
                if (after != null) {
                    throw new IllegalArgumentException("after is given twice");
                }
                after = value;
            }
        }
        if (limit == null && after == null) {
            return null;
        }
        int n = Integer.MAX_VALUE; // "after" alone: every sale after it
        if (limit != null) {
            long parsed = DIGITS.matcher(limit).matches() && limit.length() <= 9 ? Long.parseLong(limit) : -1;
            if (parsed < 1 || parsed > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '"
                        + Routes.truncate(limit) + "'");
            }
            n = (int) parsed;
        }
        long from = 0;
        if (after != null) {
            if (!DIGITS.matcher(after).matches()) {
                throw new IllegalArgumentException("after must be a sale id (a whole number, 0 or more), got '"
                        + Routes.truncate(after) + "'");
            }
            try {
                from = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("after " + after + " is too large for a sale id");
            }
        }
        return new Rendered.Page(n, from);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query is not properly %-encoded: '" + Routes.truncate(raw) + "'");
        }
    }
}
