package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.store.Database;
import dev.flashsale.store.StoreRole;
import dev.flashsale.testing.PostgresServer;
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
            "#newCampaignButton", "#newProductButton");
    private static final List<String> OPERATOR_UP = List.of("#clearCacheButton", "#warmUpButton");

    private String startAs(StoreRole role) throws Exception {
        PostgresServer server = PostgresServer.shared();
        String database = server.newDatabase();
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
        assertTrue(status.endsWith("You: " + login + ", operator"), status);
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
        assertTrue(lookup("#statusBar").queryAs(StatusBar.class).getText().endsWith("You: " + login + ", viewer"));
        for (String id : OPERATOR_UP) {
            assertTrue(node(id).isDisabled(), id);
            assertEquals("Needs flashsale_operator (operator); you are " + login + ", viewer.", Permissions.reason(node(id)));
        }
        assertFalse(node("#exportSalesButton").isDisabled(), "reading is a viewer's");
    }
}
