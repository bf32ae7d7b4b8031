package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.store.Database;
import dev.flashsale.store.StoreRole;
import dev.flashsale.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as an operator and as a viewer on a real PostgreSQL with a login each: it says who
 * it is in the status bar, and what the role may not do is visible but disabled, saying which
 * role may (the database refuses it anyway).
 */
@Timeout(120)
class ConsoleRolesTest extends ConsoleFxTest {

    private static final String PASSWORD = "console-role-pw";
    private static final List<String> ADMIN_ONLY = List.of("#newSaleButton", "#importSalesButton",
            "#newCampaignButton", "#newProductButton", "#auditRetentionField", "#saveRetentionButton");
    private static final List<String> OPERATOR_UP = List.of("#clearCacheButton", "#warmUpButton");

    private String database;

    private String startAs(StoreRole role) throws Exception {
        PostgresServer server = PostgresServer.shared();
        database = server.newDatabase();
        try (Database d = server.open(database)) {
            DemoCatalog.seed(d, Clock.systemUTC());
        }
        String login = role.label() + "_ui_" + database;
        server.sql(database, "CREATE ROLE " + login + " LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT " + role.pgRole() + " TO " + login);
        // the password in the URL: the test's own environment cannot carry PGPASSWORD
        startConsole("--db", "postgresql://" + login + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "/"
                + database, "--port", "0");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.backend() != null
                && lookup("#salesTable").tryQuery().map(t -> !((TableView<?>) t).getItems().isEmpty()).orElse(false));
        return login;
    }

    private Node node(String id) {
        return lookup(id).query();
    }

    @Test
    void anOperatorSeesItsRoleAndMayActOnTheCacheButNotChangeSales() throws Exception {
        String login = startAs(StoreRole.OPERATOR);
        String status = lookup("#statusBar").queryAs(StatusBar.class).getText();
        assertTrue(status.contains("|   You: " + login + ", operator   |"), status);
        for (String id : ADMIN_ONLY) {
            assertTrue(node(id).isDisabled(), id);
            assertEquals("Needs flashsale_admin (admin); you are " + login + ", operator.", Permissions.reason(node(id)));
        }
        for (String id : OPERATOR_UP) {
            assertFalse(node(id).isDisabled(), id + " is an operator's to use");
        }
        // a selection enables Edit for an admin; for an operator it stays off
        interact(() -> lookup("#salesTable").queryAs(TableView.class).getSelectionModel().select(0));
        assertTrue(node("#editSaleButton").isDisabled());
        // the ways around the buttons say why instead of opening a form the store would refuse
        int windows = listWindows().size();
        push(KeyCode.SHORTCUT, KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(windows, listWindows().size(), "no sale form opened");
        assertEquals("Needs flashsale_admin (admin); you are " + login + ", operator.",
                lookup("#salesMessage").queryAs(Label.class).getText());
    }

    @Test
    void aViewerMayOnlyLook() throws Exception {
        String login = startAs(StoreRole.VIEWER);
        assertTrue(lookup("#statusBar").queryAs(StatusBar.class).getText().contains("|   You: " + login + ", viewer   |"));
        for (String id : OPERATOR_UP) {
            assertTrue(node(id).isDisabled(), id);
            assertEquals("Needs flashsale_operator (operator); you are " + login + ", viewer.", Permissions.reason(node(id)));
        }
        assertFalse(node("#exportSalesButton").isDisabled(), "reading is a viewer's");
        assertFalse(node("#exportAuditButton").isDisabled(), "so is the audit");
    }

    /**
     * A DBA takes the admin role away while the console runs: the next save is refused by the
     * database, the form says so, nothing is written, and the console reads its role again.
     */
    @Test
    void aRoleTakenAwayWhileTheConsoleRunsIsReadAgainAfterTheRefusal() throws Exception {
        String login = startAs(StoreRole.ADMIN);
        assertFalse(node("#newProductButton").isDisabled());
        PostgresServer.shared().sql(database, "REVOKE flashsale_admin FROM " + login,
                "GRANT flashsale_viewer TO " + login);
        clickOn("Products");
        clickOn("#newProductButton");
        clickOn("#productSkuField").write("ROLE-1");
        clickOn("#productNameField").write("Revoked");
        clickOn("#productPriceField").write("10.00");
        clickOn("#saveProductButton");
        waitUntil(() -> lookup("#productFormError").queryAs(Label.class).getText().contains("permission denied"));
        waitUntil(() -> lookup("#statusBar").queryAs(StatusBar.class).getText()
                .contains("|   You: " + login + ", viewer (was admin: changed while the console ran)   |"));
        for (String id : ADMIN_ONLY) {
            assertTrue(node(id).isDisabled(), id);
            assertEquals("Needs flashsale_admin (admin); you are " + login + ", viewer.", Permissions.reason(node(id)));
        }
        for (String id : OPERATOR_UP) {
            assertTrue(node(id).isDisabled(), id + " is below the new role too");
        }
        try (Database d = PostgresServer.shared().open(database)) {
            assertEquals(0L, (long) d.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "SELECT COUNT(*) FROM product WHERE sku = 'ROLE-1'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }), "nothing written");
        }
    }

    /** A SQLite file its user may only read: the console starts as a viewer and says why in the status bar. */
    @Test
    void aReadOnlySqliteFileOpensAsAViewer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.db");
        try (Database d = Database.open(file)) {
            DemoCatalog.seed(d, Clock.systemUTC());
        }
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        startConsole("--db", file.toString(), "--port", "0");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.backend() != null
                && lookup("#salesTable").tryQuery().map(t -> !((TableView<?>) t).getItems().isEmpty()).orElse(false));
        String user = System.getProperty("user.name");
        String status = lookup("#statusBar").queryAs(StatusBar.class).getText();
        assertTrue(status.contains("|   You: " + user + ", viewer (read-only file)   |"), status);
        for (String id : ADMIN_ONLY) {
            assertTrue(node(id).isDisabled(), id);
            assertEquals("The database file " + file + " is read-only for " + user
                    + ": you may look, not change anything.", Permissions.reason(node(id)));
        }
        for (String id : OPERATOR_UP) {
            assertTrue(node(id).isDisabled(), id);
        }
        assertFalse(node("#exportSalesButton").isDisabled(), "reading is a viewer's");
        app.backend().close();
        assertArrayEquals(before, Files.readAllBytes(file), "the file is as it was");
    }
}
