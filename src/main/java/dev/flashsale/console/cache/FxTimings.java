package dev.flashsale.console.cache;

import java.util.Arrays;

/** The FX-thread cost of the last refreshes, for the panel's own benchmark. Not thread-safe: FX thread only. */
final class FxTimings {
    private final long[] nanos;
    private int count;

    FxTimings(int capacity) {
        nanos = new long[capacity];
    }

    void record(long n) {
        nanos[count % nanos.length] = n;
        count++;
    }

    int count() {
        return count;
    }

    void reset() {
        count = 0;
    }

    /** The given percentile (0..100) of the recorded durations, in nanoseconds. */
    long percentile(double p) {
        int n = Math.min(count, nanos.length);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, i))];
    }
}
