package dev.flashsale.console;

import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.SaleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A sale's countdown as people say it: "starts in 2 h 13 min", "ends in 04:12", "ended". */
public final class Countdown {
    private Countdown() {
    }

    public static String of(FlashSale sale, Instant now) {
        SaleStatus status = sale.statusAt(now);
        return switch (status) {
            case SCHEDULED -> "starts in " + span(Duration.between(now, sale.startsAt()));
            case ACTIVE -> "ends in " + span(Duration.between(now, sale.endsAt()));
            case ENDED -> "ended";
        };
    }

    public static String span(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000); // round up: "ends in 00:01", never "00:00" while on
        if (s >= 86_400) {
            return String.format(Locale.ROOT, "%d d %d h", s / 86_400, (s % 86_400) / 3600);
        }
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
