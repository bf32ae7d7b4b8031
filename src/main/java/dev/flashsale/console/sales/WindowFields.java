package dev.flashsale.console.sales;

import dev.flashsale.console.LocalTimes;
import dev.flashsale.sale.CatalogRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A start and an end as a form takes them: a date and a typed time each, in one zone, without
 * silent guesses at a daylight-saving change (a skipped time is moved forward and said so, a time
 * that happens twice offers both offsets, the earlier chosen). Shared by the sale and campaign forms.
 */
final class WindowFields {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final ZoneId zone;
    private final String thing;
    final ObjectProperty<LocalDate> startDate = new SimpleObjectProperty<>();
    final StringProperty startTime = new SimpleStringProperty("");
    final ObjectProperty<LocalDate> endDate = new SimpleObjectProperty<>();
    final StringProperty endTime = new SimpleStringProperty("");
    /** The offset chosen for a start or end time that happens twice (autumn change); null otherwise. */
    final ObjectProperty<ZoneOffset> startOffset = new SimpleObjectProperty<>();
    final ObjectProperty<ZoneOffset> endOffset = new SimpleObjectProperty<>();
    private final ObservableList<ZoneOffset> startOffsets = FXCollections.observableArrayList();
    private final ObservableList<ZoneOffset> endOffsets = FXCollections.observableArrayList();
    private final ObservableList<ZoneOffset> startOffsetsView = FXCollections.unmodifiableObservableList(startOffsets);
    private final ObservableList<ZoneOffset> endOffsetsView = FXCollections.unmodifiableObservableList(endOffsets);
    private final ReadOnlyStringWrapper startNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper endNote = new ReadOnlyStringWrapper("");

    /** {@code thing}: what the window is of, for messages ("sale", "campaign"). */
    WindowFields(ZoneId zone, String thing) {
        this.zone = zone;
        this.thing = thing;
    }

    /** A sensible start: the next full hour, lasting {@code length}. */
    void suggest(Instant now, Duration length) {
        ZonedDateTime s = now.atZone(zone).plusHours(1).withMinute(0).withSecond(0).withNano(0);
        ZonedDateTime e = s.plus(length);
        startDate.set(s.toLocalDate());
        startTime.set(TIME.format(s));
        endDate.set(e.toLocalDate());
        endTime.set(TIME.format(e));
    }

    void fill(Instant start, Instant end) {
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = end.atZone(zone);
        startDate.set(s.toLocalDate());
        startTime.set(TIME.format(s));
        startOffset.set(s.getOffset());
        endDate.set(e.toLocalDate());
        endTime.set(TIME.format(e));
        endOffset.set(e.getOffset());
    }

    /** What a form listens to (change listeners: an offset set during a check must still be heard later). */
    List<ObservableValue<?>> inputs() {
        return List.of(startDate, startTime, endDate, endTime, startOffset, endOffset);
    }

    /** Checks both ends and the length; what is wrong goes into {@code fieldErrors} under "start" or "end". */
    void check(Map<String, String> fieldErrors) {
        LocalTimes.Resolved start = resolve(startDate.get(), startTime.get(), startOffset, startOffsets, "start",
                fieldErrors);
        LocalTimes.Resolved end = resolve(endDate.get(), endTime.get(), endOffset, endOffsets, "end", fieldErrors);
        startNote.set(start == null ? "" : start.note());
        endNote.set(end == null ? "" : end.note());
        if (start != null && end != null) {
            Duration window = Duration.between(start.instant(), end.instant());
            if (!end.instant().isAfter(start.instant())) {
                fieldErrors.putIfAbsent("end", "End must be after start.");
            } else if (window.compareTo(CatalogRules.MIN_WINDOW) < 0) {
                fieldErrors.putIfAbsent("end", "A " + thing + " must last at least 1 minute.");
            } else if (window.compareTo(CatalogRules.MAX_WINDOW) > 0) {
                fieldErrors.putIfAbsent("end", "A " + thing + " must last at most 30 days.");
            }
        }
    }

    /** Resolves one date and time; keeps the offset choices in step; records a field error on failure. */
    private LocalTimes.Resolved resolve(LocalDate date, String text, ObjectProperty<ZoneOffset> offset,
                                        ObservableList<ZoneOffset> choices, String field, Map<String, String> errors) {
        LocalTime t = parseTime(date, text, field, errors);
        if (t == null) {
            choices.clear();
            return null;
        }
        LocalTimes.Resolved r = LocalTimes.resolve(date, t, zone, offset.get(), thing, field);
        if (!choices.equals(r.choices())) {
            choices.setAll(r.choices());
        }
        if (!r.choices().isEmpty() && (offset.get() == null || !r.choices().contains(offset.get()))) {
            offset.set(r.choices().get(0));
        }
        return r;
    }

    private static LocalTime parseTime(LocalDate date, String time, String field, Map<String, String> errors) {
        String label = field.equals("start") ? "Start" : "End";
        if (date == null) {
            errors.putIfAbsent(field, label + " date is required.");
            return null;
        }
        String dateProblem = LocalTimes.dateProblem(date);
        if (dateProblem != null) {
            errors.putIfAbsent(field, label + " " + dateProblem);
            return null;
        }
        LocalTimes.Typed typed = LocalTimes.parseTime(time);
        if (typed.time() == null) {
            errors.putIfAbsent(field, label + " " + typed.problem());
        }
        return typed.time();
    }

    Instant startsAt() {
        return resolveQuietly(startDate.get(), startTime.get(), startOffset.get(), "start");
    }

    Instant endsAt() {
        return resolveQuietly(endDate.get(), endTime.get(), endOffset.get(), "end");
    }

    private Instant resolveQuietly(LocalDate date, String text, ZoneOffset offset, String verb) {
        LocalTime t = LocalTimes.parseTime(text).time();
        return date == null || t == null ? null : LocalTimes.resolve(date, t, zone, offset, thing, verb).instant();
    }

    /** The two offsets of a start time that happens twice; empty otherwise. */
    ObservableList<ZoneOffset> startOffsets() {
        return startOffsetsView;
    }

    ObservableList<ZoneOffset> endOffsets() {
        return endOffsetsView;
    }

    ReadOnlyStringProperty startNoteProperty() {
        return startNote.getReadOnlyProperty();
    }

    ReadOnlyStringProperty endNoteProperty() {
        return endNote.getReadOnlyProperty();
    }

    ZoneId zone() {
        return zone;
    }
}
