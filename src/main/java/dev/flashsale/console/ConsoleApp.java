package dev.flashsale.console;

import dev.flashsale.concurrent.Daemons;
import dev.flashsale.store.Database;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

/**
 * The console's JavaFX application: the window, a tab per page ({@link ConsolePage}, found as
 * services), and the status bar. It reads the command-line options from
 * {@code getParameters().getRaw()}, so tests can start it exactly as a user does, and starts the
 * application behind it (database, cache, storefront) off the FX thread.
 */
public class ConsoleApp extends Application {

    public static final String TITLE = "Flash Sale Console";

    private volatile ConsoleBackend backend;
    private final StatusBar statusBar = new StatusBar();
    /** Who this console is on the store; read once at start (the store enforces it either way). */
    private volatile Database.Access access;
    private final List<Node> pageContents = new ArrayList<>();
    /** The status bar's "You: alice, operator", rewritten when the role is read again. */
    private final StringProperty you = new SimpleStringProperty("");
    private final AtomicBoolean rereading = new AtomicBoolean();
    /** The pages, left to right, and their tabs. */
    // Volatile and never changed after start: tests and the test kit read it from their own threads.
    private volatile Map<ConsolePage, Tab> pages = Map.of();
    private final ExecutorService commands = Executors.newSingleThreadExecutor(Daemons.named("console-commands"));
    private volatile CatalogModel catalogModel;
    private Stage primaryStage;
    private TabPane mainTabs;

    @Override
    public void start(Stage stage) {
        primaryStage = stage;
        Map<ConsolePage, Tab> found = new LinkedHashMap<>();
        ServiceLoader.load(ConsolePage.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(ConsolePage::position))
                .forEach(page -> found.put(page, tab(page.title(), "Starting…")));
        pages = Collections.unmodifiableMap(found);
        TabPane tabs = new TabPane(pages.values().toArray(Tab[]::new));
        mainTabs = tabs;
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        statusBar.setId("statusBar");
        statusBar.setText("Starting...");
        BorderPane root = new BorderPane(tabs);
        root.setBottom(statusBar);
        stage.setTitle(TITLE);
        Scene scene = new Scene(root, 1280, 760);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        // What ticks is what is on screen: the Sales countdowns on the Sales tab, the cache panel's
        // refresh on the Cache tab, nothing while the window is minimised.
        // Change listeners: an invalidation listener fires once and then not again until someone
        // reads the property, which updateActivity does not.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> updateActivity());
        stage.iconifiedProperty().addListener((o, a, b) -> updateActivity());
        stage.showingProperty().addListener((o, a, b) -> updateActivity());
        stage.show();
        // Decoding seven icon sizes is not worth delaying the first frame for.
        Platform.runLater(() -> stage.getIcons().addAll(icons()));

        List<String> args = getParameters().getRaw();
        Task<ConsoleBackend> startup = new Task<>() {
            @Override
            protected ConsoleBackend call() throws Exception {
                ConsoleBackend started = ConsoleBackendFactory.find().start(args);
                access = started.access(); // a query: here, off the FX thread
                return started;
            }
        };
        startup.setOnSucceeded(e -> {
            backend = startup.getValue();
            // The same line as headless mode: scripts and tests find the port this way (--port 0).
            System.out.println("Storefront listening on " + backend.storefrontUrl() + " (database "
                    + backend.database() + ")");
            System.out.flush();
            stage.setTitle(TITLE + " - " + backend.databaseName());
            openPages(backend, scene);
        });
        startup.setOnFailed(e -> showStartupError(startup.getException()));
        Thread t = Daemons.thread("console-startup", startup);
        t.start();
    }

    private void openPages(ConsoleBackend b, Scene scene) {
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.systemDefault();
        catalogModel = new CatalogModel(b.admin(), commands, Platform::runLater, clock, zone);
        PageContext context = new PageContext(b, catalogModel, commands, Platform::runLater, zone, clock, scene);
        // who you are comes early: a cluster's status makes the line longer than the window, and its end is cut
        you.set("You: " + access); // "alice, operator": what the store lets this login do
        List<Object> status = new ArrayList<>(List.of("Database " + b.database() + "   |   ", you,
                "   |   Storefront " + b.storefrontUrl()));
        pages.forEach((page, tab) -> {
            Node content = page.open(context);
            pageContents.add(content);
            Permissions.apply(content, access);
            tab.setContent(content);
            ObservableStringValue part = page.status();
            if (part != null) {
                status.add("   |   ");
                status.add(part);
            }
        });
        status.add("   |   Times in " + LocalTimes.zoneLabel(ZoneId.systemDefault()));
        statusBar.textProperty().bind(Bindings.concat(status.toArray()));
        b.onPermissionDenied(this::rereadAccess);
        catalogModel.reload();
        b.onChangesFromOtherProcesses(catalogModel::reload);
        updateActivity();
    }

    /**
     * The store refused a statement (the refused form already says so): the login's grants
     * changed while the console ran, so read them again, off the FX thread, and show what they
     * allow now. One reading at a time; refusals meanwhile are answered by it.
     */
    private void rereadAccess() {
        if (!rereading.compareAndSet(false, true)) {
            return;
        }
        Daemons.thread("console-access", () -> {
            try {
                Database.Access now = backend.access();
                Platform.runLater(() -> showAccess(now));
            } catch (RuntimeException e) {
                Platform.runLater(() -> you.set("You: " + access + " (could not read the role again: "
                        + e.getMessage() + ")"));
            } finally {
                rereading.set(false);
            }
        }).start();
    }

    /** FX thread: the role read again after a refusal. */
    private void showAccess(Database.Access now) {
        Database.Access before = access;
        access = now;
        pageContents.forEach(content -> Permissions.apply(content, now));
        if (now.equals(before)) {
            you.set("You: " + now + " (the store refused a change this role may make; ask a DBA)");
        } else if (Permissions.lessThan(now, before)) {
            you.set("You: " + now + " (was " + before.role().label() + ": changed while the console ran)");
        } else {
            you.set("You: " + now + " (was " + (before.role() == null ? "no access" : before.role().label())
                    + "; restart the console to use it)");
        }
    }

    /** FX thread: tells each page whether it is on screen, so only that page's periodic work runs. */
    private void updateActivity() {
        boolean visible = primaryStage != null && primaryStage.isShowing() && !primaryStage.isIconified();
        Tab shown = mainTabs == null ? null : mainTabs.getSelectionModel().getSelectedItem();
        if (catalogModel == null) {
            return;
        }
        pages.forEach((page, tab) -> page.setShown(visible && tab == shown));
    }

    /** The page of this type, once the console started (null before); for tests and the test kit. */
    public <P extends ConsolePage> P page(Class<P> type) {
        return pages.keySet().stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** The catalog model the Sales and Products pages share, once started (for tests). */
    public CatalogModel catalogModel() {
        return catalogModel;
    }

    /** The application icon at the sizes window managers ask for. */
    static List<Image> icons() {
        return IntStream.of(16, 24, 32, 48, 64, 128, 256)
                .mapToObj(size -> ConsoleApp.class.getResource("icons/flash-sale-console-" + size + ".png"))
                .filter(Objects::nonNull)
                .map(url -> new Image(url.toExternalForm()))
                .toList();
    }

    private void showStartupError(Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        statusBar.setText("Not started: " + message);
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle(TITLE);
        alert.setHeaderText("The console could not start");
        alert.getDialogPane().setId("startupError");
        alert.initOwner(primaryStage);
        // Closing the window ends the application (JavaFX exits when its last window closes).
        alert.setOnHidden(e -> primaryStage.close());
        alert.show();
    }

    /** The running application behind the window, or null while it starts. */
    public ConsoleBackend backend() {
        return backend;
    }

    @Override
    public void stop() {
        pages.keySet().forEach(ConsolePage::close);
        commands.shutdownNow();
        ConsoleBackend b = backend;
        if (b != null) {
            b.close();
        }
    }

    private static Tab tab(String title, String placeholder) {
        Label label = new Label(placeholder);
        label.getStyleClass().add("placeholder");
        StackPane content = new StackPane(label);
        StackPane.setAlignment(label, Pos.CENTER);
        return new Tab(title, content);
    }
}
