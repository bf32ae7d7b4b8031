package dev.flashsale.console;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What every form of the console shows besides its fields: the first thing wrong (checked as the
 * user types, or said by the domain when a save is refused), whether it may be saved, and whether
 * the thing it edits changed under it (then only Reload or Cancel make sense).
 */
public abstract class FormState {
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper conflict = new ReadOnlyBooleanWrapper(false);

    /** The outcome of a live check: null when the form can be saved, else what is wrong. */
    protected final void checked(String message) {
        error.set(message == null ? "" : message);
        valid.set(message == null);
    }

    /** Shows a message from the domain (a SKU in use, an overlap) after a save was refused. */
    public final void showDomainError(String message) {
        error.set(message);
    }

    /** The thing changed or went away since the form read it: say so and offer to reload. */
    public final void showConflict(String message) {
        error.set(message);
        conflict.set(true);
    }

    /** After a reload: the form shows what is stored now. */
    protected final void conflictResolved() {
        conflict.set(false);
    }

    public final ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public final ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public final ReadOnlyBooleanProperty conflictProperty() {
        return conflict.getReadOnlyProperty();
    }
}
