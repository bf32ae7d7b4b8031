package dev.flashsale.console.sales;

import dev.flashsale.console.PageControls;
import dev.flashsale.console.Permissions;
import dev.flashsale.console.SaleRow;
import dev.flashsale.console.Tables;
import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.SaleStatus;
import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The Sales tab: the table of sales with live countdowns, the timeline, and the sale form. */
public final class SalesPanel {

    private final SalesModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<SaleRow> table = new TableView<>();
    private final DateTimeFormatter when;
    private SaleTimeline timeline;

    public SalesPanel(SalesModel model) {
        this.model = model;
        this.when = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.getDefault()).withZone(model.zone());
        root.setTop(new VBox(4, toolbar(), campaignStrip(), importProgress()));
        BorderPane.setMargin(root.getTop(), new Insets(10, 10, 6, 10));
        timeline = new SaleTimeline(model.visibleSales(), model, this::selectSale);
        Slider zoom = new Slider(1, 30, 7);
        zoom.setId("timelineZoom");
        zoom.valueProperty().addListener((o, a, b) -> timeline.setDays(b.doubleValue()));
        Label zoomLabel = new Label();
        zoomLabel.textProperty().bind(Bindings.format("next %.0f days", zoom.valueProperty()));
        HBox zoomBar = new HBox(8, new Label("Timeline"), zoom, zoomLabel);
        zoomBar.setAlignment(Pos.CENTER_LEFT);
        ScrollPane timelineScroll = new ScrollPane(timeline);
        timelineScroll.setFitToWidth(true);
        VBox timelineBox = new VBox(4, zoomBar, timelineScroll);
        VBox.setVgrow(timelineScroll, Priority.ALWAYS);
        timelineBox.setPadding(new Insets(4));
        SplitPane split = new SplitPane(table(), timelineBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        root.setCenter(split);
        PageControls.messageLine(root, "salesMessage", model.messageProperty());
    }

    public Node node() {
        return root;
    }

    private Node toolbar() {
        HBox commands = PageControls.newEditDelete("Sale", "New sale", table, this::newSale, this::editSelected,
                this::deleteSelected);

        ChoiceBox<SaleStatus> status = new ChoiceBox<>();
        status.setId("statusFilter");
        status.getItems().setAll(null, SaleStatus.SCHEDULED, SaleStatus.ACTIVE, SaleStatus.ENDED);
        status.setConverter(new StringConverter<>() {
            @Override
            public String toString(SaleStatus s) {
                return s == null ? "All statuses" : s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT);
            }

            @Override
            public SaleStatus fromString(String s) {
                return null;
            }
        });
        status.valueProperty().bindBidirectional(model.statusFilterProperty());
        ChoiceBox<String> campaign = new ChoiceBox<>();
        campaign.setId("campaignFilter");
        campaign.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "All campaigns" : name;
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        Runnable campaigns = () -> {
            String chosen = model.campaignFilterProperty().get();
            List<String> names = new ArrayList<>();
            names.add(null);
            names.addAll(model.campaignNames());
            if (!campaign.getItems().equals(names)) {
                campaign.getItems().setAll(names);
            }
            model.campaignFilterProperty().set(names.contains(chosen) ? chosen : null);
            campaign.setValue(model.campaignFilterProperty().get());
        };
        campaigns.run();
        model.catalog().sales().addListener((ListChangeListener<SaleRow>) c -> campaigns.run());
        campaign.valueProperty().addListener((o, a, b) -> model.campaignFilterProperty().set(b));
        TextField search = new TextField();
        search.setId("saleSearchField");
        search.setPromptText("Search product");
        search.textProperty().bindBidirectional(model.searchProperty());

        Button importCsv = new Button("Import CSV…");
        importCsv.setId("importSalesButton");
        importCsv.setOnAction(e -> importCsv());
        importCsv.disableProperty().bind(model.importingProperty().isNotNull());
        Button exportCsv = new Button("Export CSV…");
        exportCsv.setId("exportSalesButton");
        exportCsv.setOnAction(e -> exportCsv());

        Button preview = new Button("Preview storefront…");
        preview.setId("previewStorefrontButton");
        preview.setTooltip(new Tooltip("See what the storefront would answer at a future time"));
        preview.setOnAction(e -> openPreview());

        Button newCampaign = new Button("New campaign…");
        newCampaign.setId("newCampaignButton");
        newCampaign.setTooltip(new Tooltip("Many products' sales as one event: one window, one price rule"));
        newCampaign.setOnAction(e -> newCampaign());
        search.setPrefColumnCount(10);
        HBox bar = new HBox(8, commands, newCampaign, new Separator(Orientation.VERTICAL), status, campaign, search,
                new Separator(Orientation.VERTICAL), importCsv, exportCsv, new Separator(Orientation.VERTICAL), preview);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /**
     * Shown while the filter shows one campaign: what it is (window in its zone, rule, sales) and
     * how to move or cancel it as one.
     */
    private Node campaignStrip() {
        Label info = new Label();
        info.setId("campaignInfo");
        Button edit = new Button("Edit…");
        edit.setId("editCampaignButton");
        edit.setTooltip(new Tooltip("Change the campaign's rule, add or remove products"));
        Button shift = new Button("Shift…");
        shift.setId("shiftCampaignButton");
        shift.setTooltip(new Tooltip("Move the campaign and its sales that have not ended"));
        Button cancel = new Button("Cancel campaign…");
        cancel.setId("campaignCancelButton");
        cancel.setTooltip(new Tooltip("Delete its sales that have not ended; ended ones stay as history"));
        HBox box = new HBox(8, info, edit, shift, cancel);
        box.setId("campaignStrip");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(0, 8, 4, 8));
        box.visibleProperty().bind(model.campaignFilterProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        Campaign[] shown = new Campaign[1];
        Runnable refresh = () -> {
            String name = model.campaignFilterProperty().get();
            if (name == null) {
                return;
            }
            model.campaign(name, k -> {
                if (k == null || !name.equals(model.campaignFilterProperty().get())) {
                    return;
                }
                DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.getDefault())
                        .withZone(k.zone());
                long sales = model.visibleSales().size();
                info.setText("\"" + k.name() + "\": " + f.format(k.startsAt()) + " to " + f.format(k.endsAt()) + " "
                        + k.zone().getId() + ", " + k.rule().describe() + ", " + sales + " sale" + (sales == 1 ? "" : "s")
                        + (k.cancelledAt() != null ? " (cancelled)" : ""));
                boolean open = k.statusAt(model.clock().instant()) == Campaign.Status.SCHEDULED
                        || k.statusAt(model.clock().instant()) == Campaign.Status.ACTIVE;
                shown[0] = k; // the version the admin sees is the one a shift or a cancel is based on
                edit.setDisable(!open);
                shift.setDisable(!open);
                cancel.setDisable(!open);
            });
        };
        model.campaignFilterProperty().addListener((o, a, b) -> refresh.run());
        model.catalog().sales().addListener((ListChangeListener<SaleRow>) c -> refresh.run());
        edit.setOnAction(e -> model.editCampaignForm(model.campaignFilterProperty().get(),
                form -> new CampaignDialog(root.getScene().getWindow(), model, form).show()));
        shift.setOnAction(e -> {
            if (shown[0] != null) {
                shiftCampaign(shown[0]);
            }
        });
        cancel.setOnAction(e -> {
            if (shown[0] != null) {
                cancelCampaign(shown[0]);
            }
        });
        return box;
    }

    private void shiftCampaign(Campaign k) {
        String name = k.name();
        Dialog<Shift.Typed> d = new Dialog<>();
        d.initOwner(root.getScene().getWindow());
        d.setTitle("Shift campaign");
        d.setHeaderText("Move \"" + name + "\" and its sales that have not ended");
        TextField by = new TextField();
        by.setId("shiftByField");
        by.setPromptText("1h, -30m, 2d 3h");
        Label problem = new Label();
        problem.setId("shiftProblem");
        problem.getStyleClass().add("form-error");
        d.getDialogPane().setContent(new VBox(6, new Label("By (later; a minus sign: earlier)"), by, problem));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("shiftOkButton");
        Runnable check = () -> {
            Shift.Typed t = Shift.parse(by.getText());
            problem.setText(t.ok() ? "The campaign moves " + Shift.describe(t) + "." : t.problem());
            ok.setDisable(!t.ok());
        };
        by.textProperty().addListener((o, a, b) -> check.run());
        check.run();
        d.setResultConverter(b -> b == ButtonType.OK ? Shift.parse(by.getText()) : null);
        d.showAndWait().filter(Shift.Typed::ok).ifPresent(t -> model.shiftCampaign(k, t));
    }

    private void cancelCampaign(Campaign k) {
        String name = k.name();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Its sales that have not ended are deleted, and the storefront"
                + " stops showing them at once; sales that ended stay as history, and the campaign is kept, marked"
                + " cancelled.", ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(root.getScene().getWindow());
        a.setTitle("Cancel campaign");
        a.setHeaderText("Cancel campaign \"" + name + "\"?");
        a.getDialogPane().setId("cancelCampaignConfirmation");
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.cancelCampaign(k));
    }

    /** Shown while an import runs: how far it got, and a way to stop it (nothing is then written). */
    private Node importProgress() {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("importProgress");
        bar.setPrefWidth(240);
        Label text = new Label();
        text.setId("importProgressText");
        Button cancel = new Button("Cancel import");
        cancel.setId("cancelImportButton");
        cancel.setTooltip(new Tooltip("Stop reading the file; nothing from it is written"));
        cancel.setOnAction(e -> {
            model.cancelImport();
            cancel.setDisable(true);
        });
        HBox box = new HBox(8, bar, text, cancel);
        box.setId("importProgressBox");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(0, 8, 4, 8));
        box.visibleProperty().bind(model.importingProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        model.importingProperty().addListener((o, was, p) -> {
            if (p == null) {
                cancel.setDisable(false);
                return;
            }
            bar.setProgress(p.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction());
            text.setText(p.line() == 0 ? "Importing " + p.file() + "…"
                    : p.fraction() < 0 ? String.format(Locale.ROOT, "Importing %s: line %,d", p.file(), p.line())
                    : String.format(Locale.ROOT, "Importing %s: line %,d (%.0f %% of the file)", p.file(), p.line(),
                    p.fraction() * 100));
        });
        return box;
    }

    private Node table() {
        table.setId("salesTable");
        table.setPlaceholder(new Label("No flash sales. Create one with New sale (Ctrl+N) or import a CSV file."));
        TableColumn<SaleRow, String> product = Tables.column("Product", SaleRow::productName, 220);
        TableColumn<SaleRow, String> campaignColumn = Tables.column("Campaign", SaleRow::campaign, 120);
        TableColumn<SaleRow, BigDecimal> flash = Tables.moneyColumn("Flash price", r -> r.sale().flashPrice(), 0);
        TableColumn<SaleRow, BigDecimal> regular = Tables.moneyColumn("Regular price", SaleRow::regularPrice, 0);
        TableColumn<SaleRow, Instant> start = Tables.column("Start (" + model.zone().getId() + ")",
                r -> r.sale().startsAt(), 170);
        start.setCellFactory(c -> instantCell());
        TableColumn<SaleRow, Instant> end = Tables.column("End", r -> r.sale().endsAt(), 170);
        end.setCellFactory(c -> instantCell());
        TableColumn<SaleRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> model.statusOf(c.getValue()));
        status.setPrefWidth(100); // "SCHEDULED" whole
        TableColumn<SaleRow, String> countdown = new TableColumn<>("Countdown");
        countdown.setCellValueFactory(c -> model.countdownOf(c.getValue()));
        countdown.setPrefWidth(150);
        table.getColumns().setAll(List.of(product, campaignColumn, flash, regular, start, end, status, countdown));
        var sorted = new SortedList<>(model.visibleSales());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Tables.onDoubleClick(table, row -> editSelected());
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && table.getSelectionModel().getSelectedItem() != null) {
                deleteSelected();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> timeline.select(b));
        return table;
    }

    private TableCell<SaleRow, Instant> instantCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(Instant v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : when.format(v));
            }
        };
    }

    private void selectSale(SaleRow row) {
        table.getItems().stream().filter(r -> r.sale().id() == row.sale().id()).findFirst().ifPresent(r -> {
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        });
    }

    /** Opens the form for a new campaign. */
    public void newCampaign() {
        new CampaignDialog(root.getScene().getWindow(), model, model.newCampaignForm()).show();
    }

    /** Opens the form for a new sale (also Ctrl+N). */
    public void newSale() {
        if (refused("newSaleButton")) {
            return;
        }
        new SaleFormDialog(root.getScene().getWindow(), model,
                new SaleFormModel(model.zone(), null, null, model.clock().instant())).show();
    }

    /** True (and the page says why) when this login's role may not use the control {@code id}'s action. */
    private boolean refused(String id) {
        return Permissions.refuse(root, id, model.catalog()::say);
    }

    /** The selected sale if it may still change; an ended one is a record, and the user is told so. */
    private SaleRow selectedChangeable(String refusal) {
        SaleRow row = table.getSelectionModel().getSelectedItem();
        if (row != null && row.sale().statusAt(model.clock().instant()) == SaleStatus.ENDED) {
            info("This sale has ended", "An ended sale is kept as a record and " + refusal + ".");
            return null;
        }
        return row;
    }

    private void editSelected() {
        if (refused("editSaleButton")) {
            return;
        }
        SaleRow row = selectedChangeable("can no longer be edited");
        if (row == null) {
            return;
        }
        new SaleFormDialog(root.getScene().getWindow(), model, new SaleFormModel(model.zone(), row.sale(),
                model.productOf(row.sale().productId()), model.clock().instant())).show();
    }

    private void deleteSelected() {
        if (refused("deleteSaleButton")) {
            return;
        }
        SaleRow row = selectedChangeable("cannot be deleted");
        if (row == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the flash sale of " + row.productName()
                + " at " + Money.format(row.sale().flashPrice()) + " (" + when.format(row.sale().startsAt()) + " to "
                + when.format(row.sale().endsAt()) + ")?", ButtonType.OK, ButtonType.CANCEL);
        confirm.setTitle("Delete sale");
        confirm.setHeaderText("Delete this flash sale?");
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.delete(row));
    }

    private void openPreview() {
        if (previewModel == null) {
            return; // the console is still starting
        }
        new PreviewWindow(root.getScene().getWindow(), previewModel).show();
    }

    private PreviewModel previewModel;

    /** The storefront preview's model; set once the application behind the console runs. */
    public void setPreviewModel(PreviewModel model) {
        this.previewModel = model;
    }

    private void importCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import flash sales");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            model.importCsv(f.toPath(), this::showImportResult);
        }
    }

    /** Shows an import's outcome; a refused import lists every bad line. */
    public void showImportResult(String result) {
        boolean ok = result.startsWith("Imported");
        Alert a = new Alert(ok ? Alert.AlertType.INFORMATION : Alert.AlertType.ERROR);
        a.setTitle("Import flash sales");
        a.setHeaderText(result.lines().findFirst().orElse(result));
        TextArea details = new TextArea(result);
        details.setId("importResult");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefSize(620, 200);
        a.getDialogPane().setContent(details);
        a.initOwner(root.getScene().getWindow());
        a.show();
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export flash sales");
        chooser.setInitialFileName("flash-sales.csv");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            model.exportCsv(f.toPath(), r -> { });
        }
    }

    private void info(String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.setHeaderText(header);
        a.initOwner(root.getScene().getWindow());
        a.show();
    }
}
