package dev.flashsale.console.sales;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far to move a campaign, as people type it: "1h", "-30m", "+2d 3h", "90 min", or ISO-8601
 * ("PT1H", "-PT30M", "P1DT2H"). Days are calendar days in the campaign's zone (09:00 stays 09:00
 * across a daylight-saving change), hours and minutes exact. Never throws: a text gives a shift or
 * a message.
 */
final class Shift {

    /** A typed shift: days and time (null when the text is not a shift), or what is wrong. */
    record Typed(Period days, Duration time, String problem) {
        static Typed wrong(String problem) {
            return new Typed(null, null, problem);
        }

        boolean ok() {
            return problem == null;
        }
    }

    private static final Pattern PART = Pattern.compile("(\\d{1,6})\\s*(d|days?|h|hours?|m|min|minutes?)");
    private static final Pattern ISO = Pattern.compile("([+-]?)p(?:(\\d{1,6})d)?(?:t(.+))?");
    private static final Pattern WHOLE = Pattern.compile("([+-]?)\\s*((?:\\d{1,6}\\s*(?:d|days?|h|hours?|m|min|minutes?)\\s*)+)");
    private static final Duration MAX = Duration.ofDays(366);
    private static final String EXAMPLES = "like 1h, -30m, 2d 3h or PT1H";

    private Shift() {
    }

    static Typed parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Typed.wrong("Say how far to move it, " + EXAMPLES + ".");
        }
        long days = 0;
        Duration time = Duration.ZERO;
        boolean earlier;
        Matcher iso = ISO.matcher(t);
        if (iso.matches()) {
            if (iso.group(2) == null && iso.group(3) == null) {
                return Typed.wrong("'" + shown(text) + "' is not a duration " + EXAMPLES + ".");
            }
            days = iso.group(2) == null ? 0 : Long.parseLong(iso.group(2));
            if (iso.group(3) != null) {
                try {
                    time = Duration.parse("PT" + iso.group(3).toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    return Typed.wrong("'" + shown(text) + "' is not a duration " + EXAMPLES + ".");
                }
                if (time.isNegative()) {
                    return Typed.wrong("Put the minus sign in front: -PT30M, not PT-30M.");
                }
            }
            earlier = iso.group(1).equals("-");
        } else {
            Matcher whole = WHOLE.matcher(t);
            if (!whole.matches()) {
                return Typed.wrong("'" + shown(text) + "' is not a duration " + EXAMPLES + ".");
            }
            Matcher part = PART.matcher(whole.group(2));
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                switch (part.group(2).charAt(0)) {
                    case 'd' -> days += n;
                    case 'h' -> time = time.plusHours(n);
                    default -> time = time.plusMinutes(n);
                }
            }
            earlier = whole.group(1).equals("-");
        }
        Duration span = Duration.ofDays(days).plus(time);
        if (span.isZero()) {
            return Typed.wrong("A shift of nothing moves nothing.");
        }
        if (span.compareTo(MAX) > 0) {
            return Typed.wrong("A shift of more than a year is not a shift; create the campaign anew.");
        }
        return earlier ? new Typed(Period.ofDays((int) -days), time.negated(), null)
                : new Typed(Period.ofDays((int) days), time, null);
    }

    /** For people: "1 d 2 h 30 min later", "30 min earlier". */
    static String describe(Typed t) {
        long days = Math.abs(t.days().getDays());
        Duration a = t.time().abs();
        StringBuilder b = new StringBuilder();
        if (days > 0) {
            b.append(days).append(" d ");
        }
        if (a.toHours() > 0) {
            b.append(a.toHours()).append(" h ");
        }
        if (a.toMinutesPart() > 0) {
            b.append(a.toMinutesPart()).append(" min ");
        }
        if (a.toSecondsPart() > 0) {
            b.append(a.toSecondsPart()).append(" s ");
        }
        boolean earlier = t.days().isNegative() || t.time().isNegative();
        return b.append(earlier ? "earlier" : "later").toString();
    }

    private static String shown(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "…";
    }
}
