package dev.flashsale.console.sales;

import dev.flashsale.console.LocalTimes;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** The controls a window's start and end share in the sale and campaign forms. */
final class WindowControls {

    private WindowControls() {
    }

    /** Says when a typed time is skipped or repeated by a daylight-saving change; hidden otherwise. */
    static Label note(String id, ObservableStringValue text, double maxWidth) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("form-note");
        l.setWrapText(true);
        l.setMaxWidth(maxWidth);
        l.setMinHeight(Region.USE_PREF_SIZE); // wrap onto more lines, never cut with "..."
        l.textProperty().bind(text);
        l.visibleProperty().bind(Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** The offset of a time that happens twice (autumn change); shown only then. */
    static ChoiceBox<ZoneOffset> offsetChoice(String id, ObservableList<ZoneOffset> choices,
                                              ObjectProperty<ZoneOffset> chosen, Supplier<LocalDate> date,
                                              Supplier<String> time, ZoneId zone) {
        ChoiceBox<ZoneOffset> box = new ChoiceBox<>(choices);
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(ZoneOffset o) {
                LocalTime t = LocalTimes.parseTime(time.get()).time();
                return LocalTimes.label(date.get(), t, zone, o);
            }

            @Override
            public ZoneOffset fromString(String s) {
                return null;
            }
        });
        box.valueProperty().bindBidirectional(chosen);
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.visibleProperty().bind(Bindings.isNotEmpty(choices));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
