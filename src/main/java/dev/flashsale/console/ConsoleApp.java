package dev.flashsale.console;

import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The console's JavaFX application. It reads the command-line options from
 * {@code getParameters().getRaw()}, so tests can start it exactly as a user does.
 */
public class ConsoleApp extends Application {

    public static final String TITLE = "Flash Sale Console";

    @Override
    public void start(Stage stage) {
        TabPane tabs = new TabPane(
                tab("Sales", "Scheduling flash sales comes with the SQLite store."),
                tab("Products", "The product catalog comes with the SQLite store."),
                tab("Cache", "The live cache panel comes with the storefront."));
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        stage.setTitle(TITLE);
        stage.setScene(new Scene(tabs, 1200, 760));
        stage.show();
    }

    private static Tab tab(String title, String placeholder) {
        Label label = new Label(placeholder);
        label.getStyleClass().add("placeholder");
        StackPane content = new StackPane(label);
        StackPane.setAlignment(label, Pos.CENTER);
        return new Tab(title, content);
    }
}
