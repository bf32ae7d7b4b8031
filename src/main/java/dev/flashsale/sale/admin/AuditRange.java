package dev.flashsale.sale.admin;

import dev.flashsale.sale.ValidationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Which part of the audit to export: from {@code from} (inclusive) to {@code to} (exclusive). People
 * give whole days in their own zone ("from 1 November to 30 November" takes the 30th whole);
 * scripts may give instants.
 */
public record AuditRange(Instant from, Instant to) {

    public AuditRange {
        if (!from.isBefore(to)) {
            throw new ValidationException("to", "the range ends before it starts: " + from + " is not before " + to);
        }
    }

    /** The days {@code first} to {@code last}, both whole, in {@code zone}. */
    public static AuditRange days(LocalDate first, LocalDate last, ZoneId zone) {
        if (first == null || last == null) {
            throw new ValidationException("from", "choose the first and the last day");
        }
        if (last.isBefore(first)) {
            throw new ValidationException("to", "the last day (" + last + ") is before the first (" + first + ")");
        }
        return new AuditRange(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * From the command line: each bound a day ({@code 2026-11-30}, in {@code zone}; as {@code --to}
     * the whole day) or an instant ({@code 2026-11-30T12:00:00Z}); a missing {@code --from} is the
     * beginning, a missing {@code --to} is {@code now}.
     */
    public static AuditRange parse(String fromText, String toText, ZoneId zone, Instant now) {
        Instant from = fromText == null ? Instant.EPOCH : bound("--from", fromText, zone, false);
        Instant to = toText == null ? now.plusMillis(1) : bound("--to", toText, zone, true);
        if (!from.isBefore(to)) {
            throw new ValidationException("to", "--to (" + toText + ") is not after --from (" + fromText + ")");
        }
        return new AuditRange(from, to);
    }

    private static Instant bound(String option, String text, ZoneId zone, boolean end) {
        String t = text.strip();
        try {
            if (t.length() <= 10) {
                LocalDate day = LocalDate.parse(t);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new ValidationException(option.substring(2), option + " must be a day like 2026-11-30 or an instant"
                    + " like 2026-11-30T12:00:00Z, got \"" + text + "\"");
        } catch (DateTimeException e) { // a day too far from now to be an instant
            throw new ValidationException(option.substring(2), option + " is out of range: \"" + text + "\"");
        }
    }
}
