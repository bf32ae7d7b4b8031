import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline of scripts/desktop-footprint.sh: a JavaFX window with one Label, run on the same
 * JavaFX jars as the console (from the console's own jar), so the ratios compare like with like.
 */
public class HelloWorld extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Hello World FX");
        stage.setScene(new Scene(new StackPane(new Label("Hello, world")), 400, 200));
        stage.show();
    }

    /** A plain main that launches the Application (as the console's Main does, for a fat jar). */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(HelloWorld.class, args);
        }
    }
}
