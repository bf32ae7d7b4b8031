package dev.flashsale.storefront;

import java.time.Duration;
import java.util.Locale;

/**
 * What a request's headers ask of a cached answer: gzip or not ({@code Accept-Encoding}), whether
 * the client's copy is still current ({@code If-None-Match}), and how long others may keep it
 * ({@code Cache-Control}).
 */
final class Negotiation {

    private Negotiation() {
    }

    /**
     * True if {@code Accept-Encoding} admits gzip: {@code gzip} (or {@code x-gzip}) with a
     * q-value above 0, or {@code *} above 0 when gzip is not refused by name. Null: no.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean named = null;
        boolean any = false;
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.split(";");
            String coding = fields[0].strip().toLowerCase(Locale.ROOT);
            boolean wanted = quality(fields) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = named == null ? wanted : named || wanted;
            } else if (coding.equals("*")) {
                any = wanted;
            }
        }
        return named != null ? named : any;
    }

    /** The q-value among a coding's parameters (1 without one; 0 for one that does not parse). */
    private static double quality(String[] fields) {
        for (int i = 1; i < fields.length; i++) {
            String p = fields[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * True if {@code If-None-Match} names the answer's current tag (either form: the JSON is the
     * same) or is {@code *}. Compared weakly, as RFC 9110 says for this header: a {@code W/} prefix
     * is ignored.
     */
    static boolean notModified(String ifNoneMatch, Body body) {
        if (ifNoneMatch == null) {
            return false;
        }
        String plain = body.tag();
        String gzip = body.gzipTag();
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(plain) || t.equals(gzip)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code max-age} of an answer in seconds: how long it stays true (it is cached until the
     * next sale start or end that would change it), rounded down and capped by {@code cap} so an
     * admin's invalidation reaches shoppers behind a CDN within it; a zero cap is
     * {@link Reply.Caching#NO_CACHE}.
     */
    static long maxAge(long remainingNanos, Duration cap) {
        if (cap.isZero()) {
            return Reply.Caching.NO_CACHE;
        }
        return Math.max(0, Math.min(cap.toSeconds(), remainingNanos / 1_000_000_000L));
    }

    /** The {@code Cache-Control} value for {@code maxAge} ({@link #maxAge}). */
    static String cacheControl(long maxAge) {
        return maxAge == Reply.Caching.NO_CACHE ? "no-cache" : "public, max-age=" + maxAge;
    }
}
