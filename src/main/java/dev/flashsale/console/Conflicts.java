package dev.flashsale.console;

import dev.flashsale.sale.EditConflictException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** An edit conflict, said the way the form shows it: in the user's zone, with what to do next. */
public final class Conflicts {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_DAY = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private Conflicts() {
    }

    public static String message(EditConflictException e, ZoneId zone, Instant now) {
        if (e.deleted()) {
            return "This " + e.kind() + " was deleted by another window or process; nothing was saved.";
        }
        ZonedDateTime at = e.changedAt().atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        String when = at.toLocalDate().equals(today) ? TODAY.format(at) : OTHER_DAY.format(at);
        return "This " + e.kind() + " was changed at " + when + " by another window or process; reload it to see the"
                + " change. Nothing was saved.";
    }
}
