package dev.flashsale.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * Converters for editable pickers that never throw: JavaFX's defaults throw from
 * {@code commitValue()} (on Enter or focus loss) when the editor holds text they cannot read,
 * which surfaces as an exception on the FX thread. Text that cannot be read keeps the current
 * value, and the editor shows it again.
 */
public final class SafeConverters {
    private static final Pattern WHOLE = Pattern.compile("\\+?[0-9]{1,9}");

    private SafeConverters() {
    }

    /** Dates as the locale writes them (what the default converter shows), ISO dates too. */
    public static void install(DatePicker picker) {
        DateTimeFormatter local = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : local.format(d);
            }

            @Override
            public LocalDate fromString(String text) {
                String t = text == null ? "" : text.strip();
                if (t.isEmpty() || t.length() > 40) {
                    return picker.getValue();
                }
                for (DateTimeFormatter f : new DateTimeFormatter[] {local, DateTimeFormatter.ISO_LOCAL_DATE}) {
                    try {
                        return LocalDate.parse(t, f);
                    } catch (DateTimeParseException e) {
                        // try the next shape
                    }
                }
                return picker.getValue();
            }
        });
    }

    /** Whole numbers, clamped to the spinner's range; anything else keeps the current value. */
    public static void install(Spinner<Integer> spinner) {
        Supplier<Integer> current = () -> spinner.getValueFactory().getValue();
        var range = (SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory();
        spinner.getValueFactory().setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                String t = text == null ? "" : text.strip();
                if (!WHOLE.matcher(t).matches()) {
                    return current.get();
                }
                int v = Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
                // Clamped here: the factory clamps too, but only after listeners saw the value out of range.
                return Math.max(range.getMin(), Math.min(range.getMax(), v));
            }
        });
    }
}
