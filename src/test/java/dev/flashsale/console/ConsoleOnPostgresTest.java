package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.PostgresServer;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console pointed at a PostgreSQL database, as on a desk next to nodes on other hosts: it
 * seeds the new database, shows its sales, and names the database in the title and the status bar
 * without the password (given in the URL here: the test's own environment cannot carry PGPASSWORD).
 */
@Timeout(90)
class ConsoleOnPostgresTest extends ConsoleFxTest {

    @Test
    void theConsoleWorksOnAPostgresDatabaseAndNeverShowsItsPassword() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String name = server.newDatabase();
        String url = "postgresql://" + PostgresServer.USER + ":" + PostgresServer.PASSWORD + "@127.0.0.1:"
                + server.port() + "/" + name;
        startConsole("--db", url, "--port", "0");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.backend() != null
                && lookup("#salesTable").tryQuery().map(t -> !((TableView<?>) t).getItems().isEmpty()).orElse(false));
        String status = lookup("#statusBar").queryAs(StatusBar.class).getText();
        assertTrue(status.contains("Database postgresql://fsc@127.0.0.1:" + server.port() + "/" + name), status);
        assertFalse(status.contains(PostgresServer.PASSWORD), status);
        Stage stage = (Stage) lookup("#mainTabs").query().getScene().getWindow();
        assertTrue(stage.getTitle().endsWith(name + "@127.0.0.1"), stage.getTitle());
        assertFalse(stage.getTitle().contains(PostgresServer.PASSWORD));
    }
}
