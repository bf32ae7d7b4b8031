package dev.flashsale.console;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A wall-clock time typed into a form, turned into an instant in a zone without silent guesses:
 * a time skipped by a spring-forward change is moved forward and said so, and a time that happens
 * twice in an autumn change takes the offset the user chose (the earlier by default).
 */
public final class LocalTimes {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter HM_ZONE = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private static final Pattern TIME_SHAPE = Pattern.compile("[0-9]{1,2}:[0-9]{2}");
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);

    private LocalTimes() {
    }

    /** A time typed into a field ("9:30", "09:30"), or null and what is wrong ("time must look like 09:30."). */
    public record Typed(LocalTime time, String problem) {
    }

    /** Reads a typed time; never throws. The problem reads after a label: "Start " + problem. */
    public static Typed parseTime(String text) {
        String t = text == null ? "" : text.strip();
        if (!TIME_SHAPE.matcher(t).matches()) {
            return new Typed(null, "time must look like 09:30.");
        }
        try {
            return new Typed(LocalTime.parse(t, TYPED), null);
        } catch (DateTimeParseException e) {
            return new Typed(null, "time must be a time of day from 00:00 to 23:59.");
        }
    }

    /** What is wrong with a date for a sale (the store keeps years 2000 to 9999), or null. */
    public static String dateProblem(LocalDate date) {
        return date.getYear() < 2000 || date.getYear() > 9998 ? "date must lie between the years 2000 and 9998." : null;
    }

    /**
     * The instant, a note for the user (empty when the time is unambiguous) and the offsets to
     * choose from (two in an overlap, else none).
     */
    public record Resolved(Instant instant, String note, List<ZoneOffset> choices) {
    }

    /**
     * @param verb   "start" or "end", for the note
     * @param chosen the offset the user picked for an overlap, or null for the earlier one
     */
    public static Resolved resolve(LocalDate date, LocalTime time, ZoneId zone, ZoneOffset chosen, String verb) {
        return resolve(date, time, zone, chosen, "sale", verb);
    }

    /** As {@link #resolve(LocalDate, LocalTime, ZoneId, ZoneOffset, String)}, naming {@code thing} ("campaign") in the note. */
    public static Resolved resolve(LocalDate date, LocalTime time, ZoneId zone, ZoneOffset chosen, String thing,
                                   String verb) {
        LocalDateTime local = LocalDateTime.of(date, time);
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> valid = rules.getValidOffsets(local);
        if (valid.size() == 1) {
            return new Resolved(local.atOffset(valid.get(0)).toInstant(), "", List.of());
        }
        if (valid.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            ZonedDateTime moved = ZonedDateTime.ofLocal(local, zone, null); // moved forward by the gap's length
            return new Resolved(moved.toInstant(), HM.format(time) + " does not exist on " + DAY.format(date) + " in "
                    + zone.getId() + " (clocks go forward at " + HM.format(gap.getDateTimeBefore()) + "); the " + thing + " would "
                    + verb + " at " + HM_ZONE.format(moved) + ".", List.of());
        }
        // List.of(...).contains(null) throws: no choice yet means the earlier offset
        ZoneOffset offset = chosen != null && valid.contains(chosen) ? chosen : valid.get(0);
        ZonedDateTime first = ZonedDateTime.ofStrict(local, valid.get(0), zone);
        ZonedDateTime second = ZonedDateTime.ofStrict(local, valid.get(1), zone);
        return new Resolved(local.atOffset(offset).toInstant(), HM.format(time) + " happens twice on " + DAY.format(date)
                + " in " + zone.getId() + " (clocks go back): choose " + ZONE.format(first) + " (the first, "
                + valid.get(0) + ") or " + ZONE.format(second) + " (the second, " + valid.get(1) + ").", valid);
    }

    /** How an offset choice reads in the form, e.g. "CEST (+02:00)". */
    public static String label(LocalDate date, LocalTime time, ZoneId zone, ZoneOffset offset) {
        if (date == null || time == null || offset == null) {
            return offset == null ? "" : offset.toString();
        }
        try {
            return ZONE.format(ZonedDateTime.ofStrict(LocalDateTime.of(date, time), offset, zone)) + " (" + offset + ")";
        } catch (DateTimeException e) {
            return offset.toString();
        }
    }

    /** How a zone is named next to a time the user types or reads: "Europe/Berlin (CET)". */
    public static String zoneLabel(ZoneId zone) {
        return zone.getId() + " (" + zone.getDisplayName(TextStyle.SHORT, Locale.getDefault()) + ")";
    }
}
