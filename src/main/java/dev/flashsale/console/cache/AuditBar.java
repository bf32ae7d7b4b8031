package dev.flashsale.console.cache;

import java.io.File;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The view of {@link AuditModel}, under the event log: export a range of days, and the days kept.
 * Thin: it binds the model's properties and calls its commands.
 */
final class AuditBar {

    private AuditBar() {
    }

    static Node build(AuditModel model) {
        DatePicker from = picker("auditFromPicker");
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker to = picker("auditToPicker");
        to.valueProperty().bindBidirectional(model.toProperty());
        Button export = new Button("Export CSV…");
        export.setId("exportAuditButton");
        export.disableProperty().bind(model.exportableProperty().not());
        export.setTooltip(new Tooltip("Who invalidated what, and when, for these days (both whole)"));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the audit");
            chooser.setInitialFileName("cache-audit-" + model.fromProperty().get() + "-to-" + model.toProperty().get()
                    + ".csv");
            File f = chooser.showSaveDialog(export.getScene().getWindow());
            if (f != null) {
                model.export(f.toPath());
            }
        });
        // a flow, not a row: in a narrow window the button goes under the days instead of out of sight
        FlowPane range = new FlowPane(6, 4, new Label("Audit from"), from, new Label("to"), to, export);
        range.setAlignment(Pos.CENTER_LEFT);

        TextField days = new TextField();
        days.setId("auditRetentionField");
        days.setPrefColumnCount(4);
        days.textProperty().bindBidirectional(model.retentionTextProperty());
        Button set = new Button("Set");
        set.setId("saveRetentionButton");
        set.disableProperty().bind(model.retentionSavableProperty().not());
        set.setOnAction(e -> model.saveRetention());
        days.setOnAction(e -> model.saveRetention());
        Label problem = new Label();
        problem.setId("auditRetentionError");
        problem.getStyleClass().add("form-error");
        problem.textProperty().bind(model.retentionProblemProperty());
        FlowPane keep = new FlowPane(6, 4, new Label("Keep the audit"), days, new Label("days"), set, problem);
        keep.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("auditMessage");
        message.setWrapText(true);
        message.textProperty().bind(Bindings.when(model.rangeProblemProperty().isEmpty())
                .then(model.messageProperty()).otherwise(model.rangeProblemProperty()));
        return new VBox(4, range, keep, message);
    }

    /** A day picker whose typed text never throws: what does not read as a day is no day (the model says so). */
    private static DatePicker picker(String id) {
        DatePicker p = new DatePicker();
        p.setId(id);
        p.setPrefWidth(130);
        p.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(d);
            }

            @Override
            public LocalDate fromString(String s) {
                try {
                    return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        });
        p.setPromptText("2026-11-01");
        return p;
    }
}
