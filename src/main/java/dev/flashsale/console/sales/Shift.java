package dev.flashsale.console.sales;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far to move a campaign, as people type it: "1h", "-30m", "+2d 3h", "90 min", or ISO-8601
 * ("PT1H", "-PT30M"). Never throws: a text gives a duration or a message.
 */
final class Shift {

    /** A typed shift: the duration, or null and what is wrong. */
    record Typed(Duration by, String problem) {
    }

    private static final Pattern PART = Pattern.compile("(\\d{1,6})\\s*(d|days?|h|hours?|m|min|minutes?)");
    private static final Pattern WHOLE = Pattern.compile("([+-]?)\\s*((?:\\d{1,6}\\s*(?:d|days?|h|hours?|m|min|minutes?)\\s*)+)");
    private static final Duration MAX = Duration.ofDays(366);
    private static final String EXAMPLES = "like 1h, -30m, 2d 3h or PT1H";

    private Shift() {
    }

    static Typed parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return new Typed(null, "Say how far to move it, " + EXAMPLES + ".");
        }
        Duration d = null;
        if (t.startsWith("p") || t.startsWith("-p") || t.startsWith("+p")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return new Typed(null, "'" + shown(text) + "' is not a duration " + EXAMPLES + ".");
            }
        } else {
            Matcher whole = WHOLE.matcher(t);
            if (!whole.matches()) {
                return new Typed(null, "'" + shown(text) + "' is not a duration " + EXAMPLES + ".");
            }
            d = Duration.ZERO;
            Matcher part = PART.matcher(whole.group(2));
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                d = d.plus(switch (part.group(2).charAt(0)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                });
            }
            if (whole.group(1).equals("-")) {
                d = d.negated();
            }
        }
        if (d.isZero()) {
            return new Typed(null, "A shift of nothing moves nothing.");
        }
        if (d.abs().compareTo(MAX) > 0) {
            return new Typed(null, "A shift of more than a year is not a shift; create the campaign anew.");
        }
        return new Typed(d, null);
    }

    /** For people: "1 d 2 h 30 min later", "30 min earlier". */
    static String describe(Duration d) {
        Duration a = d.abs();
        StringBuilder b = new StringBuilder();
        if (a.toDays() > 0) {
            b.append(a.toDays()).append(" d ");
        }
        if (a.toHoursPart() > 0) {
            b.append(a.toHoursPart()).append(" h ");
        }
        if (a.toMinutesPart() > 0) {
            b.append(a.toMinutesPart()).append(" min ");
        }
        if (b.length() == 0) {
            b.append(a.toSeconds()).append(" s ");
        }
        return b.append(d.isNegative() ? "earlier" : "later").toString();
    }

    private static String shown(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "…";
    }
}
