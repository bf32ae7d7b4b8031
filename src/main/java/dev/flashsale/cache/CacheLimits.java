package dev.flashsale.cache;

import java.time.Duration;

/**
 * The bounds an operator may give the cache, in one place: the command line checks them
 * ({@code --ttl}, {@code --max-entries}) and the console's spinners offer exactly them (a spinner
 * with a narrower range replaced a larger start-up value with its minimum: a console started with
 * {@code --ttl 7200} showed, and could set, a TTL of 0).
 */
public final class CacheLimits {
    /** The longest default TTL: a day. 0 switches the cache off. */
    public static final long MAX_TTL_SECONDS = Duration.ofDays(1).toSeconds();
    public static final int MIN_ENTRIES = 1;
    /** At a few hundred bytes an entry, a few gigabytes: more than one process should hold. */
    public static final int MAX_ENTRIES = 10_000_000;

    private CacheLimits() {
    }

    /** Why {@code seconds} is not a default TTL the cache takes, or null when it is. */
    public static String ttlProblem(long seconds) {
        return seconds < 0 || seconds > MAX_TTL_SECONDS
                ? "must be between 0 and " + MAX_TTL_SECONDS + " seconds, got " + seconds : null;
    }

    /** Why {@code entries} is not a size bound the cache takes, or null when it is. */
    public static String maxEntriesProblem(long entries) {
        return entries < MIN_ENTRIES || entries > MAX_ENTRIES
                ? "must be between " + MIN_ENTRIES + " and " + MAX_ENTRIES + ", got " + entries : null;
    }
}
