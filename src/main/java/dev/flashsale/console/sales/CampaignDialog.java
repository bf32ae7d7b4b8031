package dev.flashsale.console.sales;

import dev.flashsale.console.FormControls;
import dev.flashsale.console.LocalTimes;
import dev.flashsale.console.Styles;
import dev.flashsale.console.Tables;
import dev.flashsale.sale.CampaignPlan;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The campaign window, new or editing one: name, rule, window, products (picked or pasted), and
 * what the store says the campaign would do (for an edit: what it adds, removes and reprices),
 * kept up to date as the user types. Save is on only when that preview, for exactly what is shown,
 * has nothing to refuse. Enter saves, Esc cancels.
 */
final class CampaignDialog {

    private static final double WIDTH = 640;

    private final Stage stage = new Stage();

    CampaignDialog(Window owner, SalesModel sales, CampaignFormModel form) {
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        boolean edit = form.editing() != null;
        stage.setTitle(edit ? "Edit campaign \"" + form.editing().name() + "\"" : "New campaign");

        TextField name = FormControls.text("campaignNameField", "Black Friday", 0, form.name);
        ChoiceBox<CampaignRule.Kind> kind = new ChoiceBox<>(FXCollections.observableArrayList(CampaignRule.Kind.values()));
        kind.setId("campaignRuleField");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(CampaignRule.Kind k) {
                return k == null ? "" : switch (k) {
                    case PERCENT_OFF -> "Percent off";
                    case AMOUNT_OFF -> "Amount off";
                    case PRICE -> "One flash price";
                };
            }

            @Override
            public CampaignRule.Kind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(form.kind);
        TextField amount = FormControls.text("campaignAmountField", "20", 7, form.amount);
        TextField ending = FormControls.text("campaignEndingField", ".99", 4, form.ending);
        Label endingLabel = new Label("prices ending in");
        endingLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox ruleRow = new HBox(6, kind, amount, endingLabel, ending, new Label("(optional)"));
        ruleRow.setAlignment(Pos.CENTER_LEFT);

        String zone = LocalTimes.zoneLabel(form.zone());
        DatePicker startDate = FormControls.date("campaignStartDateField", form.startDate);
        TextField startTime = FormControls.text("campaignStartTimeField", "09:00", 5, form.startTime);
        DatePicker endDate = FormControls.date("campaignEndDateField", form.endDate);
        TextField endTime = FormControls.text("campaignEndTimeField", "23:59", 5, form.endTime);
        startDate.setPrefWidth(140);
        endDate.setPrefWidth(140);
        HBox startRow = new HBox(6, startDate, startTime, zoneLabel(zone), WindowControls.offsetChoice(
                "campaignStartOffsetField", form.startOffsets(), form.startOffset, form.startDate::get,
                form.startTime::get, form.zone()));
        HBox endRow = new HBox(6, endDate, endTime, zoneLabel(zone), WindowControls.offsetChoice(
                "campaignEndOffsetField", form.endOffsets(), form.endOffset, form.endDate::get, form.endTime::get,
                form.zone()));
        startRow.setAlignment(Pos.CENTER_LEFT);
        endRow.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.getColumnConstraints().addAll(new ColumnConstraints(80), new ColumnConstraints(WIDTH - 80));
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Rule"), ruleRow);
        grid.addRow(2, new Label("Start"), startRow);
        grid.add(WindowControls.note("campaignStartNote", form.startNoteProperty(), WIDTH - 80), 1, 3);
        grid.addRow(4, new Label("End"), endRow);
        grid.add(WindowControls.note("campaignEndNote", form.endNoteProperty(), WIDTH - 80), 1, 5);
        grid.addRow(6, new Label("Products"), products(sales, form));
        if (edit) { // the name stays; Shift on the Sales tab moves the window, with its own checks
            name.setDisable(true);
            startRow.setDisable(true);
            endRow.setDisable(true);
        }

        Label summary = new Label();
        summary.setId("campaignSummary");
        summary.textProperty().bind(form.summaryProperty());
        TableView<CampaignPlan.Item> preview = preview(form);
        ListView<String> problems = new ListView<>();
        problems.setId("campaignProblems");
        problems.setPrefHeight(90);
        problems.setCellFactory(v -> new ListCell<>() { // a refusal names a product and a window: wrap it whole
            {
                setWrapText(true);
                prefWidthProperty().bind(problems.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
            }
        });
        form.problemsProperty().addListener((o, a, b) -> problems.getItems().setAll(b));
        problems.visibleProperty().bind(Bindings.isNotEmpty(problems.getItems()));
        problems.managedProperty().bind(problems.visibleProperty());

        Label error = FormControls.error("campaignFormError", WIDTH, form);
        HBox buttons = FormControls.buttons("Campaign", edit ? "Save campaign" : "Create campaign", "campaign", form,
                () -> sales.saveCampaign(form, stage::close), () -> sales.reloadCampaignForm(form), stage::close);
        VBox root = new VBox(10, grid, summary, preview, problems, error, buttons);
        root.setPadding(new Insets(16));
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);

        // Every edit asks the store again (one question at a time; see SalesModel.previewCampaign).
        for (ObservableValue<?> input : List.of(form.name, form.kind, form.amount, form.ending, form.skus,
                form.startDate, form.startTime, form.endDate, form.endTime, form.startOffset, form.endOffset)) {
            input.addListener((o, a, b) -> sales.previewCampaign(form));
        }
        for (ObservableValue<String> text : List.of(form.startNoteProperty(), form.endNoteProperty(),
                form.errorProperty())) {
            text.addListener((o, a, b) -> Platform.runLater(stage::sizeToScene));
        }
        sales.previewCampaign(form);
    }

    private static Label zoneLabel(String zone) {
        Label l = new Label(zone);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** The catalog to pick from (search, multi-select, Add) beside the SKUs as typed or pasted. */
    private static HBox products(SalesModel sales, CampaignFormModel form) {
        ObservableList<Product> all = FXCollections.observableArrayList(sales.products());
        FilteredList<Product> shown = new FilteredList<>(all);
        TextField search = new TextField();
        search.setId("campaignProductSearch");
        search.setPromptText("Search products");
        search.textProperty().addListener((o, a, b) -> {
            String t = b == null ? "" : b.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(p -> t.isEmpty() || p.name().toLowerCase(Locale.ROOT).contains(t)
                    || p.sku().toLowerCase(Locale.ROOT).contains(t));
        });
        ListView<Product> list = new ListView<>(shown);
        list.setId("campaignProductList");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Product p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.sku() + "  " + p.name());
            }
        });
        list.setPrefSize(300, 150);
        Button add = new Button("Add selected →");
        add.setId("addCampaignProductsButton");
        add.disableProperty().bind(Bindings.isEmpty(list.getSelectionModel().getSelectedItems()));
        add.setOnAction(e -> form.add(List.copyOf(list.getSelectionModel().getSelectedItems())));
        sales.products().addListener((ListChangeListener<Product>) c -> all.setAll(sales.products()));

        TextArea skus = new TextArea();
        skus.setId("campaignSkusField");
        skus.setPromptText("SKUs, one per line (or paste a column from a spreadsheet)");
        skus.textProperty().bindBidirectional(form.skus);
        skus.setPrefSize(WIDTH - 80 - 300 - 8, 150);
        VBox pick = new VBox(6, search, list, add);
        HBox box = new HBox(8, pick, skus);
        HBox.setHgrow(skus, Priority.ALWAYS);
        return box;
    }

    /** Each product the campaign takes, at its new price. */
    private static TableView<CampaignPlan.Item> preview(CampaignFormModel form) {
        TableView<CampaignPlan.Item> table = new TableView<>();
        table.setId("campaignPreviewTable");
        table.setPlaceholder(new Label("The products and their campaign prices show here."));
        TableColumn<CampaignPlan.Item, String> sku = Tables.column("SKU", i -> i.product().sku(), 110);
        TableColumn<CampaignPlan.Item, String> product = Tables.column("Product", i -> i.product().name(), 220);
        TableColumn<CampaignPlan.Item, BigDecimal> regular = Tables.moneyColumn("Regular", i -> i.product().regularPrice(),
                90);
        TableColumn<CampaignPlan.Item, BigDecimal> price = Tables.moneyColumn("Campaign price", CampaignPlan.Item::price,
                110);
        TableColumn<CampaignPlan.Item, BigDecimal> off = Tables.column("Off %", CampaignPlan.Item::discountPercent, 70);
        table.getColumns().setAll(List.of(sku, product, regular, price, off));
        table.setPrefSize(WIDTH, 180);
        form.planProperty().addListener((o, a, plan) -> table.getItems().setAll(plan == null ? List.of() : plan.items()));
        return table;
    }

    void show() {
        stage.show();
    }
}
