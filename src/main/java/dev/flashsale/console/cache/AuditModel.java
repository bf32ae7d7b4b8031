package dev.flashsale.console.cache;

import dev.flashsale.sale.admin.AuditRange;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.admin.CsvFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The audit under the Cache page's event log: export a range of days as CSV (anyone who may read),
 * and how many days the store keeps (an admin sets it). The inputs are plain properties the view
 * binds; the work runs off the FX thread through the named commands, and its outcome comes back
 * as one message.
 */
public final class AuditModel {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ROOT);

    private final CacheControl control;
    private final Executor commands;
    private final Consumer<Runnable> fx;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty retentionText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper retentionProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rangeProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper keptDays = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanBinding retentionSavable;
    private final BooleanBinding exportable;

    public AuditModel(CacheControl control, Executor commands, Consumer<Runnable> fx, Clock clock, ZoneId zone) {
        this.control = control;
        this.commands = commands;
        this.fx = fx;
        this.zone = zone;
        this.clock = clock;
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        from.set(today.minusDays(29)); // the last 30 days, today included
        to.set(today);
        retentionProblem.bind(Bindings.createStringBinding(() -> problemOf(retentionText.get()), retentionText));
        rangeProblem.bind(Bindings.createStringBinding(this::rangeProblemOf, from, to));
        retentionSavable = Bindings.createBooleanBinding(() -> retentionProblem.get().isEmpty() && !busy.get()
                && keptDays.get() > 0 && parse(retentionText.get()) != keptDays.get(),
                retentionProblem, busy, keptDays, retentionText);
        exportable = Bindings.createBooleanBinding(() -> rangeProblem.get().isEmpty() && !busy.get(), rangeProblem, busy);
    }

    /**
     * What is wrong with {@code text} as a number of days to keep, or "" when nothing is: every
     * prefix of a valid number passes here as people type it, so nothing may throw.
     */
    static String problemOf(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return "Enter how many days to keep, 1 to " + CacheControl.MAX_AUDIT_RETENTION_DAYS + ".";
        }
        if (!t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return "Days must be a whole number, like 90.";
        }
        int days = parse(t);
        if (days < 1 || days > CacheControl.MAX_AUDIT_RETENTION_DAYS) {
            return "Keep 1 to " + CacheControl.MAX_AUDIT_RETENTION_DAYS + " days.";
        }
        return "";
    }

    /** The number typed, or -1 when it is not one (or too long to be a number of days). */
    private static int parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        return Integer.parseInt(t);
    }

    /** What is wrong with the days chosen, or "" when nothing is. */
    private String rangeProblemOf() {
        LocalDate f = from.get();
        LocalDate t = to.get();
        if (f == null || t == null) {
            return "Choose the first and the last day, like " + LocalDate.ofInstant(clock.instant(), zone) + ".";
        }
        return t.isBefore(f) ? "The last day is before the first." : "";
    }

    // ------------------------------------------------------------------ commands

    /** Reads how many days the store keeps, off the FX thread. */
    public void load() {
        commands.execute(() -> {
            try {
                int days = control.auditRetentionDays();
                fx.accept(() -> {
                    keptDays.set(days);
                    retentionText.set(Integer.toString(days));
                });
            } catch (RuntimeException e) {
                fx.accept(() -> message.set("Could not read the audit's retention: " + e.getMessage()));
            }
        });
    }

    /** Writes the chosen days of the audit to {@code file} (whole, or not at all), off the FX thread. */
    public void export(Path file) {
        if (!exportable.get()) {
            message.set(rangeProblem.get());
            return;
        }
        LocalDate first = from.get();
        LocalDate last = to.get();
        AuditRange range = AuditRange.days(first, last, zone);
        busy.set(true);
        commands.execute(() -> {
            String result;
            Path part = CsvFiles.partOf(file);
            try {
                int n = CsvFiles.writeWhole(file, w -> control.exportAudit(w, range));
                result = "Exported " + n + " audit row" + (n == 1 ? "" : "s") + " (" + DAY.format(first) + " to "
                        + DAY.format(last) + ") to " + file.getFileName() + ".";
            } catch (IOException | UncheckedIOException e) {
                result = "Could not write " + file.getFileName() + ": " + e.getMessage();
                deleteQuietly(part);
            } catch (RuntimeException e) {
                result = "Nothing was exported: " + e.getMessage();
                deleteQuietly(part);
            }
            String r = result;
            fx.accept(() -> {
                busy.set(false);
                message.set(r);
            });
        });
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a .part left behind is named as such; nothing else was touched
        }
    }

    /** Sets the retention typed (an admin's), off the FX thread; what is older goes now. */
    public void saveRetention() {
        if (!retentionSavable.get()) {
            return;
        }
        int days = parse(retentionText.get());
        busy.set(true);
        commands.execute(() -> {
            String result;
            int kept;
            try {
                int removed = control.setAuditRetentionDays(days);
                kept = days;
                result = "The audit now keeps " + days + " days (" + removed + " older row" + (removed == 1 ? "" : "s")
                        + " removed).";
            } catch (RuntimeException e) {
                kept = -1;
                result = "The retention was not changed: " + e.getMessage();
            }
            String r = result;
            int k = kept;
            fx.accept(() -> {
                busy.set(false);
                if (k > 0) {
                    keptDays.set(k);
                }
                message.set(r);
            });
        });
    }

    // ------------------------------------------------------------------ state

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty retentionTextProperty() {
        return retentionText;
    }

    public ReadOnlyStringProperty retentionProblemProperty() {
        return retentionProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rangeProblemProperty() {
        return rangeProblem.getReadOnlyProperty();
    }

    /** Days the store keeps, as last read or set (0 until read). */
    public ReadOnlyIntegerProperty keptDaysProperty() {
        return keptDays.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The outcome of the last command, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** A valid number of days, not the one kept already, and nothing running. */
    public BooleanBinding retentionSavableProperty() {
        return retentionSavable;
    }

    public BooleanBinding exportableProperty() {
        return exportable;
    }
}
