package dev.flashsale.console;

import java.util.Locale;

/** Short human durations for cells: "4.2 s", "12 min 05 s", "2 h 13 min". */
public final class Durations {
    private Durations() {
    }

    public static String compact(long millis) {
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
