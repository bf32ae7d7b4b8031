package dev.flashsale.console.sales;

import dev.flashsale.console.FormState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/** A form with a start and an end ({@link WindowFields}): the sale form and the campaign form. */
public abstract class WindowForm extends FormState {
    private final WindowFields window;
    public final ObjectProperty<LocalDate> startDate;
    public final StringProperty startTime;
    public final ObjectProperty<LocalDate> endDate;
    public final StringProperty endTime;
    /** The offset chosen for a start or end time that happens twice (autumn change); null otherwise. */
    public final ObjectProperty<ZoneOffset> startOffset;
    public final ObjectProperty<ZoneOffset> endOffset;

    WindowForm(ZoneId zone, String thing) {
        this.window = new WindowFields(zone, thing);
        this.startDate = window.startDate;
        this.startTime = window.startTime;
        this.endDate = window.endDate;
        this.endTime = window.endTime;
        this.startOffset = window.startOffset;
        this.endOffset = window.endOffset;
    }

    WindowFields window() {
        return window;
    }

    public Instant startsAt() {
        return window.startsAt();
    }

    public Instant endsAt() {
        return window.endsAt();
    }

    /** The two offsets of a start time that happens twice; empty otherwise. */
    public ObservableList<ZoneOffset> startOffsets() {
        return window.startOffsets();
    }

    public ObservableList<ZoneOffset> endOffsets() {
        return window.endOffsets();
    }

    /** What the form says about the start time (a skipped or repeated local time); empty when plain. */
    public ReadOnlyStringProperty startNoteProperty() {
        return window.startNoteProperty();
    }

    public ReadOnlyStringProperty endNoteProperty() {
        return window.endNoteProperty();
    }

    public ZoneId zone() {
        return window.zone();
    }
}
