package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.console.sales.SalesTab;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.testing.NodeProcess;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The Sales and Products tabs of the whole console (empty database, real storefront and SQLite). */
@Timeout(90)
class SalesAndProductsTest extends ConsoleFxTest {

    @TempDir
    Path dir;
    private Path db;
    private Product shoes;
    private final HttpClient http = HttpClient.newHttpClient();

    private NodeProcess node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        db = dir.resolve("store.db");
        startConsole("--db", db.toString(), "--port", "0", "--no-demo");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.catalogModel() != null);
        shoes = app.backend().admin().createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> app.catalogModel().products().size() == 1);
    }



    private long sqlCount(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String price(long productId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.backend().storefrontUrl()
                + "/api/products/" + productId + "/price")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    @SuppressWarnings("unchecked")
    private TableView<SaleRow> sales() {
        return lookup("#salesTable").queryAs(TableView.class);
    }

    private String formError() {
        return lookup("#formError").queryAs(Label.class).getText();
    }

    private boolean saveDisabled() {
        return lookup("#saveSaleButton").queryAs(Button.class).isDisabled();
    }

    /** Fills the open sale form; times are in the machine's zone, as the user sees them. */
    private void fill(Product product, String price, ZonedDateTime start, ZonedDateTime end) {
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
        interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Product> p = lookup("#productField").queryAs(ComboBox.class);
            p.setValue(product);
            lookup("#startDateField").queryAs(DatePicker.class).setValue(start.toLocalDate());
            lookup("#startTimeField").queryAs(TextField.class).setText(hm.format(start));
            lookup("#endDateField").queryAs(DatePicker.class).setValue(end.toLocalDate());
            lookup("#endTimeField").queryAs(TextField.class).setText(hm.format(end));
            lookup("#flashPriceField").queryAs(TextField.class).clear();
        });
        clickOn("#flashPriceField").write(price);
    }

    private ZonedDateTime nowMinute() {
        return ZonedDateTime.now(ZoneId.systemDefault()).withSecond(0).withNano(0);
    }

    @Test
    void createsASaleEndToEnd() throws Exception {
        assertTrue(price(shoes.id()).contains("\"price\":\"119.95\""), "cached regular price first");
        clickOn("#newSaleButton");
        fill(shoes, "79.95", nowMinute().minusMinutes(5), nowMinute().plusHours(2));
        assertEquals("", formError());
        assertTrue(lookup("#priceInfo").queryAs(Label.class).getText().contains("33 % off"));
        clickOn("#saveSaleButton");
        waitUntil(() -> sales().getItems().size() == 1);
        SaleRow row = sales().getItems().get(0);
        assertEquals("Trail Running Shoes", row.productName());
        assertEquals("ACTIVE", row.sale().statusAt(Instant.now()).name());
        assertEquals(1, sqlCount("SELECT COUNT(*) FROM flash_sale WHERE product_id = " + shoes.id()
                + " AND flash_price = '79.95'"));
        assertTrue(price(shoes.id()).contains("\"price\":\"79.95\""), "the storefront's next answer is the new price");
    }

    @Test
    void everyRuleIsShownAndNothingIsSaved() throws Exception {
        clickOn("#newSaleButton");
        assertEquals("Choose a product.", formError());
        assertTrue(saveDisabled());
        ZonedDateTime start = nowMinute().plusHours(1);
        fill(shoes, "abc", start, start.plusHours(1));
        assertEquals("Flash price must be a number, like 39.90.", formError());
        assertTrue(saveDisabled());
        String[][] cases = {
            {"0", "Flash price must be greater than 0."},
            {"1.999", "Flash price must have at most 2 decimals."},
            {"119.95", "Flash price must be below the regular price of 119.95."},
        };
        for (String[] c : cases) {
            interact(() -> lookup("#flashPriceField").queryAs(TextField.class).setText(c[0]));
            assertEquals(c[1], formError());
            assertTrue(saveDisabled());
        }
        fill(shoes, "80.00", start, start.minusMinutes(30));
        assertEquals("End must be after start.", formError());
        fill(shoes, "80.00", start, start.plusDays(31));
        assertEquals("A sale must last at most 30 days.", formError());
        interact(() -> lookup("#endTimeField").queryAs(TextField.class).setText("25:99"));
        assertEquals("End time must be a time of day from 00:00 to 23:59.", formError());
        interact(() -> lookup("#endTimeField").queryAs(TextField.class).setText("noon"));
        assertEquals("End time must look like 09:30.", formError());
        assertTrue(saveDisabled());
        clickOn("#cancelSaleButton");
        assertEquals(0, sqlCount("SELECT COUNT(*) FROM flash_sale"));

        // A rule only the domain can check: overlap with an existing sale, shown in the form after Save.
        FlashSale existing = app.backend().admin().createSale(shoes.id(), new BigDecimal("90.00"),
                start.toInstant(), start.plusHours(3).toInstant());
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> sales().getItems().size() == 1);
        clickOn("#newSaleButton");
        fill(shoes, "80.00", start.plusHours(1), start.plusHours(2));
        clickOn("#saveSaleButton");
        waitUntil(() -> formError().contains("overlaps sale #" + existing.id()));
        assertEquals(1, sqlCount("SELECT COUNT(*) FROM flash_sale"));
        clickOn("#cancelSaleButton");
    }

    @Test
    void editsASale() throws Exception {
        ZonedDateTime start = nowMinute().plusHours(2);
        app.backend().admin().createSale(shoes.id(), new BigDecimal("90.00"), start.toInstant(), start.plusHours(1).toInstant());
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> sales().getItems().size() == 1);
        clickOn("Trail Running Shoes");
        clickOn("#editSaleButton");
        interact(() -> lookup("#flashPriceField").queryAs(TextField.class).setText("85.50"));
        clickOn("#saveSaleButton");
        waitUntil(() -> sales().getItems().size() == 1
                && sales().getItems().get(0).sale().flashPrice().compareTo(new BigDecimal("85.50")) == 0);
        assertEquals(1, sqlCount("SELECT COUNT(*) FROM flash_sale WHERE flash_price = '85.50'"));
    }

    @Test
    void deleteAsksAndCancelKeepsTheSale() throws Exception {
        ZonedDateTime start = nowMinute().plusHours(2);
        app.backend().admin().createSale(shoes.id(), new BigDecimal("90.00"), start.toInstant(), start.plusHours(1).toInstant());
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> sales().getItems().size() == 1);
        clickOn("Trail Running Shoes");
        clickOn("#deleteSaleButton");
        clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, sqlCount("SELECT COUNT(*) FROM flash_sale"));
        clickOn("Trail Running Shoes");
        clickOn("#deleteSaleButton");
        clickOn("OK");
        waitUntil(() -> sales().getItems().isEmpty());
        assertEquals(0, sqlCount("SELECT COUNT(*) FROM flash_sale"));
    }

    @Test
    void aCsvImportWithABadLineImportsNothingAndNamesTheLine() throws Exception {
        Instant s = Instant.now().plus(Duration.ofDays(1));
        Path csv = dir.resolve("sales.csv");
        Files.writeString(csv, "sku,flash_price,starts_at,ends_at\n"
                + "SPO-001,79.95," + s + "," + s.plus(Duration.ofHours(2)) + "\n"
                + "SPO-001,not-a-price," + s.plus(Duration.ofDays(1)) + "," + s.plus(Duration.ofDays(2)) + "\n");
        interact(() -> app.page(SalesTab.class).model().importCsv(csv, app.page(SalesTab.class).panel()::showImportResult));
        waitUntil(() -> lookup("#importResult").tryQuery().isPresent());
        String shown = lookup("#importResult").queryAs(TextArea.class).getText();
        assertTrue(shown.startsWith("Nothing was imported"), shown);
        assertTrue(shown.contains("line 3: flash_price 'not-a-price' is not a number"), shown);
        assertEquals(0, sqlCount("SELECT COUNT(*) FROM flash_sale"));
        assertEquals(0, sales().getItems().size());
    }

    /**
     * An import shows how far it got and can be cancelled, and a cancelled import writes nothing.
     * The file is a named pipe the test writes into, so the import is mid-file, for sure, when
     * Cancel is clicked (a file on disk of any size could be done before the click).
     */
    @Test
    void anImportShowsItsProgressAndCancellingItWritesNothing() throws Exception {
        Path pipe = dir.resolve("sales-pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
        interact(() -> app.page(SalesTab.class).model().importCsv(pipe, app.page(SalesTab.class).panel()::showImportResult));
        Instant s = Instant.now().plus(Duration.ofDays(1));
        try (Writer out = Files.newBufferedWriter(pipe)) { // opens once the import opens the pipe to read it
            out.write("sku,flash_price,starts_at,ends_at\n");
            for (int i = 0; i < 100; i++) {
                Instant start = s.plus(Duration.ofHours(2L * i));
                out.write("SPO-001,79.95," + start + "," + start.plus(Duration.ofHours(1)) + "\n");
            }
            out.flush();
            waitUntil(() -> lookup("#importProgressText").queryAs(Label.class).getText().contains("line 101"));
            assertTrue(lookup("#importProgressBox").queryAs(Node.class).isVisible());
            assertTrue(lookup("#importSalesButton").queryAs(Button.class).isDisabled(), "one import at a time");
            clickOn("#cancelImportButton");
            Instant start = s.plus(Duration.ofDays(30));
            out.write("SPO-001,79.95," + start + "," + start.plus(Duration.ofHours(1)) + "\n");
        }
        waitUntil(() -> lookup("#salesMessage").queryAs(Label.class).getText()
                .startsWith("Import of sales-pipe.csv cancelled at line"));
        assertTrue(lookup("#salesMessage").queryAs(Label.class).getText().endsWith(": nothing was imported."));
        waitUntil(() -> !lookup("#importProgressBox").queryAs(Node.class).isVisible());
        assertTrue(!lookup("#importSalesButton").queryAs(Button.class).isDisabled());
        assertEquals(0, sqlCount("SELECT COUNT(*) FROM flash_sale"), "the 100 lines read before the cancel are not kept");
    }

    /**
     * The new-campaign window as people use it: typed fields, a pasted SKU list with a typo, a
     * product picked from the list; the store's preview says what is wrong and Create stays off
     * until nothing is; then every sale is saved at its campaign price.
     */
    @Test
    void aCampaignIsMadeInItsWindowAndSeenBeforeItIsSaved() throws Exception {
        app.backend().admin().createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> app.catalogModel().products().size() == 2);
        clickOn("#newCampaignButton");
        clickOn("#campaignNameField").write("Spring");
        clickOn("#campaignAmountField").write("20");
        clickOn("#campaignEndingField").write(".99");
        clickOn("#campaignSkusField").write("SPO-001\nNOPE-1");
        @SuppressWarnings("unchecked")
        ListView<String> problems = lookup("#campaignProblems").queryAs(ListView.class);
        waitUntil(() -> problems.getItems().contains("NOPE-1: no product with this SKU"));
        Button create = lookup("#saveCampaignButton").queryAs(Button.class);
        assertTrue(create.isDisabled(), "refused by the preview: Create stays off");
        assertEquals("NOPE-1: no product with this SKU.", lookup("#campaignFormError").queryAs(Label.class).getText());

        TextArea skus = lookup("#campaignSkusField").queryAs(TextArea.class);
        interact(skus::selectAll);
        write("SPO-001");
        clickOn("#campaignProductSearch").write("yoga");
        clickOn("SPO-002  Yoga Mat");
        clickOn("#addCampaignProductsButton");
        assertEquals("SPO-001\nSPO-002", skus.getText());
        waitUntil(() -> !create.isDisabled());
        assertEquals("2 products; discount 20.81 % to 22.33 %, average 21.57 %",
                lookup("#campaignSummary").queryAs(Label.class).getText());
        assertEquals(2, lookup("#campaignPreviewTable").queryAs(TableView.class).getItems().size());
        clickOn(create);
        waitUntil(() -> sales().getItems().size() == 2);
        assertTrue(sales().getItems().stream().allMatch(r -> r.campaign().equals("Spring")));
        assertEquals(List.of(new BigDecimal("30.99"), new BigDecimal("94.99")), sales().getItems().stream()
                .map(r -> r.sale().flashPrice()).sorted().toList(), "119.95 -20 % = 95.96 -> 94.99; 39.90 -> 31.92 -> 30.99");
        assertEquals("Created campaign \"Spring\" (2 products).", lookup("#salesMessage").queryAs(Label.class).getText());
        assertEquals(2, sqlCount("SELECT COUNT(*) FROM flash_sale WHERE campaign_id IS NOT NULL"));
    }

    /**
     * A campaign chosen in the filter is described above the table, and moved or cancelled from
     * there as one, while a storefront node in a process of its own serves the same store.
     */
    @Test
    void aCampaignIsShiftedAndCancelledFromTheSalesTab() throws Exception {
        Instant s = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)); // running
        app.backend().campaigns().create(new CampaignAdmin.Draft("Launch", s, s.plus(Duration.ofHours(2)),
                ZoneId.of("UTC"), CampaignRule.percentOff("10"), List.of("SPO-001")));
        node = NodeProcess.start(db, "--ttl", "300");
        String price = "/api/products/" + shoes.id() + "/price";
        node.awaitBody(price, "\"price\":\"107.96\""); // 10 % off 119.95, cached there for 5 minutes
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> sales().getItems().size() == 1);
        Node strip = lookup("#campaignStrip").queryAs(Node.class);
        assertTrue(!strip.isVisible(), "no campaign chosen: no strip");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> filter = lookup("#campaignFilter").queryAs(ChoiceBox.class);
        interact(() -> filter.setValue("Launch"));
        waitUntil(() -> lookup("#campaignInfo").queryAs(Label.class).getText().startsWith("\"Launch\": "));
        assertTrue(strip.isVisible());
        assertTrue(lookup("#campaignInfo").queryAs(Label.class).getText().endsWith("UTC, 10 % off, 1 sale"));

        clickOn("#shiftCampaignButton");
        clickOn("#shiftByField").write("1x");
        assertEquals("'1x' is not a duration like 1h, -30m, 2d 3h or PT1H.",
                lookup("#shiftProblem").queryAs(Label.class).getText());
        assertTrue(lookup("#shiftOkButton").queryAs(Button.class).isDisabled());
        eraseText(1);
        write("h 30m");
        assertEquals("The campaign moves 1 h 30 min later.", lookup("#shiftProblem").queryAs(Label.class).getText());
        clickOn("#shiftOkButton");
        waitUntil(() -> lookup("#salesMessage").queryAs(Label.class).getText()
                .equals("Moved campaign \"Launch\" 1 h 30 min later."));
        waitUntil(() -> sales().getItems().size() == 1
                && sales().getItems().get(0).sale().startsAt().equals(s.plus(Duration.ofMinutes(90))));
        node.awaitBody(price, "\"price\":\"119.95\""); // moved into the future: the node heard it at once
        String moved = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("UTC")).format(s.plus(Duration.ofMinutes(90)));
        waitUntil(() -> lookup("#campaignInfo").queryAs(Label.class).getText().contains(moved)); // the strip shows the moved one

        clickOn("#campaignCancelButton");
        clickOn("OK");
        waitUntil(() -> lookup("#salesMessage").queryAs(Label.class).getText()
                .equals("Cancelled campaign \"Launch\": its sales that had not ended are deleted."));
        assertEquals(0, sqlCount("SELECT COUNT(*) FROM flash_sale"));
        assertEquals(1, sqlCount("SELECT COUNT(*) FROM campaign WHERE cancelled_at IS NOT NULL"));
        assertTrue(node.body(price).contains("\"price\":\"119.95\""));
    }

    /**
     * Editing a campaign as one: its rule and products, seen before saving; when another admin
     * changed it meanwhile, Save says so and writes nothing, and Reload shows what is stored now.
     */
    @Test
    void aCampaignIsEditedAsOneAndAnotherAdminsChangeIsNotOverwritten() throws Exception {
        app.backend().admin().createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
        Instant s = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofHours(5));
        app.backend().campaigns().create(new CampaignAdmin.Draft("Launch", s, s.plus(Duration.ofHours(2)),
                ZoneId.of("UTC"), CampaignRule.percentOff("10"), List.of("SPO-001")));
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> sales().getItems().size() == 1);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> filter = lookup("#campaignFilter").queryAs(ChoiceBox.class);
        interact(() -> filter.setValue("Launch"));
        waitUntil(() -> !lookup("#editCampaignButton").queryAs(Button.class).isDisabled());
        clickOn("#editCampaignButton");
        waitUntil(() -> lookup("#campaignSkusField").tryQuery().isPresent());
        TextArea skus = lookup("#campaignSkusField").queryAs(TextArea.class);
        assertEquals("SPO-001", skus.getText());
        assertTrue(lookup("#campaignNameField").queryAs(TextField.class).isDisabled(), "the name stays");
        Button save = lookup("#saveCampaignButton").queryAs(Button.class);
        assertEquals("Save campaign", save.getText());
        waitUntil(() -> lookup("#campaignSummary").queryAs(Label.class).getText().startsWith("Nothing changes yet."));
        assertTrue(save.isDisabled());

        app.backend().campaigns().shift("Launch", Duration.ofHours(1)); // another admin, meanwhile

        TextField amount = lookup("#campaignAmountField").queryAs(TextField.class);
        raiseToQuarterOffAndAddTheMat(amount, skus);
        waitUntil(() -> !save.isDisabled());
        assertEquals("1 added, 0 removed, 1 new price. 2 products; discount 24.99 % to 25 %, average 25 %",
                lookup("#campaignSummary").queryAs(Label.class).getText());
        clickOn(save);
        waitUntil(() -> lookup("#campaignFormError").queryAs(Label.class).getText().startsWith("This campaign was changed at"));
        assertTrue(save.isDisabled(), "only Reload or Cancel make sense now");
        assertEquals(1, sqlCount("SELECT COUNT(*) FROM flash_sale"), "nothing written");

        clickOn("#reloadCampaignButton");
        waitUntil(() -> "10".equals(amount.getText()) && "SPO-001".equals(skus.getText()));
        raiseToQuarterOffAndAddTheMat(amount, skus);
        waitUntil(() -> !save.isDisabled());
        clickOn(save);
        waitUntil(() -> lookup("#salesMessage").queryAs(Label.class).getText()
                .equals("Saved campaign \"Launch\" (25 % off)."));
        waitUntil(() -> sales().getItems().size() == 2);
        assertEquals(List.of(new BigDecimal("29.93"), new BigDecimal("89.96")), sales().getItems().stream()
                .map(r -> r.sale().flashPrice()).sorted().toList(), "39.90 and 119.95, 25 % off");
        assertTrue(sales().getItems().stream().allMatch(r -> r.sale().startsAt().equals(s.plus(Duration.ofHours(1)))),
                "the product added joins the window as the other admin moved it");
    }

    /** As an admin types it: the amount replaced by 25, the yoga mat's SKU added on a new line. */
    private void raiseToQuarterOffAndAddTheMat(TextField amount, TextArea skus) {
        clickOn(amount);
        interact(amount::selectAll);
        write("25");
        clickOn(skus);
        interact(skus::end);
        write("\nSPO-002");
    }

    /**
     * A campaign made by another process (the command line) shows in the Sales tab: its name in
     * the Campaign column, a filter that keeps only its sales, and one band on the timeline.
     */
    @Test
    void aCampaignShowsInTheTableInTheFilterAndAsOneBandOnTheTimeline() throws Exception {
        Product mat = app.backend().admin().createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
        Product kettle = app.backend().admin().createProduct("HOM-009", "Pour-over Kettle", new BigDecimal("59.00"), 5);
        Instant s = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofHours(2));
        app.backend().admin().createSale(kettle.id(), new BigDecimal("49.00"), s, s.plus(Duration.ofHours(3)));
        NodeProcess.Result made = NodeProcess.runMain(Duration.ofSeconds(60), Map.of(), "campaigns", "create",
                "--db", db.toString(), "--name", "Black Friday", "--starts", s.toString(), "--ends",
                s.plus(Duration.ofHours(6)).toString(), "--percent-off", "20", "SPO-001", "SPO-002");
        assertEquals(0, made.exit(), made.toString());
        waitUntil(() -> sales().getItems().size() == 3); // heard from the other process's write
        assertEquals(List.of("", "Black Friday", "Black Friday"),
                sales().getItems().stream().map(SaleRow::campaign).sorted().toList());

        @SuppressWarnings("unchecked")
        ChoiceBox<String> filter = lookup("#campaignFilter").queryAs(ChoiceBox.class);
        assertEquals(Arrays.asList(null, "Black Friday"), new ArrayList<>(filter.getItems()));
        interact(() -> filter.setValue("Black Friday"));
        waitUntil(() -> sales().getItems().size() == 2);
        assertTrue(sales().getItems().stream().allMatch(r -> r.campaign().equals("Black Friday")));
        assertTrue(sales().getItems().stream().noneMatch(r -> r.sale().productId() == kettle.id()));

        waitUntil(() -> lookup(".timeline-campaign-band").tryQuery().isPresent());
        assertEquals(1, lookup(".timeline-campaign-band").queryAll().size(), "one band for the campaign's two sales");
        assertEquals("Black Friday", lookup(".timeline-campaign-label").queryAs(Label.class).getText());
        interact(() -> filter.setValue(null));
        waitUntil(() -> sales().getItems().size() == 3);
        assertEquals(mat.id(), sales().getItems().stream().filter(r -> r.productName().equals("Yoga Mat")).findFirst()
                .orElseThrow().sale().productId());
    }

    @Test
    void clickingATimelineBarSelectsTheSale() throws Exception {
        ZonedDateTime start = nowMinute().plusHours(3);
        FlashSale sale = app.backend().admin().createSale(shoes.id(), new BigDecimal("90.00"), start.toInstant(),
                start.plusHours(5).toInstant());
        interact(() -> app.catalogModel().reload());
        waitUntil(() -> lookup(".timeline-bar-SCHEDULED").tryQuery().isPresent());
        assertTrue(sales().getSelectionModel().isEmpty());
        clickOn(lookup(".timeline-bar-SCHEDULED").queryAs(Node.class));
        waitUntil(() -> sales().getSelectionModel().getSelectedItem() != null
                && sales().getSelectionModel().getSelectedItem().sale().id() == sale.id());
    }

    @Test
    void addsAProduct() throws Exception {
        clickOn("Products");
        clickOn("#newProductButton");
        clickOn("#productSkuField").write("HOM-009");
        clickOn("#productNameField").write("Pour-over Kettle");
        clickOn("#productPriceField").write("4x");
        assertEquals("Regular price must be a number, like 59.00.", lookup("#productFormError").queryAs(Label.class).getText());
        assertTrue(lookup("#saveProductButton").queryAs(Button.class).isDisabled());
        interact(() -> lookup("#productPriceField").queryAs(TextField.class).setText("45.00"));
        clickOn("#saveProductButton");
        @SuppressWarnings("unchecked")
        TableView<Product> products = lookup("#productsTable").queryAs(TableView.class);
        waitUntil(() -> products.getItems().size() == 2);
        assertEquals(1, sqlCount("SELECT COUNT(*) FROM product WHERE sku = 'HOM-009' AND regular_price = '45.00'"));

        // A SKU already in use: the domain says so in the form, nothing is written.
        clickOn("#newProductButton");
        clickOn("#productSkuField").write("SPO-001");
        clickOn("#productNameField").write("Duplicate");
        clickOn("#productPriceField").write("10.00");
        clickOn("#saveProductButton");
        waitUntil(() -> lookup("#productFormError").queryAs(Label.class).getText().contains("already used"));
        assertEquals(2, sqlCount("SELECT COUNT(*) FROM product"));
        clickOn("#cancelProductButton");
    }
}
