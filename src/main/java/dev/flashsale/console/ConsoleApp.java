package dev.flashsale.console;

import dev.flashsale.console.cache.CachePanel;
import dev.flashsale.console.cache.CachePanelModel;
import dev.flashsale.console.cache.ClusterModel;
import dev.flashsale.console.cache.PanelRefresher;
import dev.flashsale.console.cache.ShopperSimulator;
import dev.flashsale.console.products.ProductsModel;
import dev.flashsale.console.products.ProductsPanel;
import dev.flashsale.console.sales.PreviewModel;
import dev.flashsale.console.sales.SalesModel;
import dev.flashsale.console.sales.SalesPanel;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

/**
 * The console's JavaFX application. It reads the command-line options from
 * {@code getParameters().getRaw()}, so tests can start it exactly as a user does, and starts the
 * application behind it (database, cache, storefront) off the FX thread.
 */
public class ConsoleApp extends Application {

    public static final String TITLE = "Flash Sale Console";

    private volatile ConsoleBackend backend;
    private final StatusBar statusBar = new StatusBar();
    private final Tab salesTab = tab("Sales", "Starting…");
    private final Tab productsTab = tab("Products", "Starting…");
    private final Tab cacheTab = tab("Cache", "Starting…");
    private CatalogModel catalogModel;
    private SalesModel salesModel;
    private ProductsModel productsModel;
    private SalesPanel salesPanel;
    private PreviewModel previewModel;
    /** Moves the Sales tab's countdowns once a second while that tab is on screen (no FX Timeline: see PanelRefresher). */
    private final java.util.concurrent.ScheduledExecutorService secondTicker =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "console-second-ticker");
                t.setDaemon(true);
                return t;
            });
    private java.util.concurrent.ScheduledFuture<?> secondTicks;
    private final java.util.concurrent.atomic.AtomicBoolean tickPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-commands");
        t.setDaemon(true);
        return t;
    });
    private CachePanelModel cacheModel;
    private ClusterModel clusterModel;
    private PanelRefresher refresher;
    private ShopperSimulator shoppers;

    private Stage primaryStage;
    private TabPane mainTabs;

    @Override
    public void start(Stage stage) {
        primaryStage = stage;
        TabPane tabs = new TabPane(salesTab, productsTab, cacheTab);
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
                return ConsoleBackendFactory.find().start(args);
            }
        };
        startup.setOnSucceeded(e -> {
            backend = startup.getValue();
            // The same line as headless mode: scripts and tests find the port this way (--port 0).
            System.out.println("Storefront listening on " + backend.storefrontUrl() + " (database "
                    + backend.database() + ")");
            System.out.flush();
            stage.setTitle(TITLE + " - " + backend.databaseName());
            showCatalog(backend, scene);
            showCachePanel(backend);
            if (backend.cluster() == null) {
                statusBar.textProperty().bind(Bindings.concat("Database " + backend.database() + "   |   Storefront "
                        + backend.storefrontUrl() + "   |   Cache hit rate ", cacheModel.hitRateProperty(),
                        "   |   Times in " + zoneName()));
            } else {
                statusBar.textProperty().bind(Bindings.concat("Database " + backend.database() + "   |   Storefront "
                        + backend.storefrontUrl() + "   |   ", clusterModel.statusProperty(), "   |   Cache hit rate ",
                        cacheModel.hitRateProperty(), "   |   Times in " + zoneName()));
            }
        });
        startup.setOnFailed(e -> showStartupError(startup.getException()));
        Thread t = new Thread(startup, "console-startup");
        t.setDaemon(true);
        t.start();
    }

    private void showCatalog(ConsoleBackend b, Scene scene) {
        catalogModel = new CatalogModel(b.admin(), commands, Platform::runLater, Clock.systemUTC(), ZoneId.systemDefault());
        salesModel = new SalesModel(catalogModel);
        productsModel = new ProductsModel(catalogModel);
        salesPanel = new SalesPanel(salesModel);
        previewModel = new PreviewModel(b.preview(), commands, Platform::runLater, ZoneId.systemDefault(),
                Clock.systemUTC().instant());
        salesPanel.setPreviewModel(previewModel);
        salesTab.setContent(salesPanel.node());
        productsTab.setContent(new ProductsPanel(productsModel).node());
        catalogModel.reload();
        b.onChangesFromOtherProcesses(catalogModel::reload);
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.N,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), salesPanel::newSale);
        // Countdowns tick every second from memory (the database is not queried for them), and
        // only while the Sales tab is on screen.
        updateActivity();
    }

    /** FX thread: starts or stops the periodic work to match what is on screen. */
    private void updateActivity() {
        boolean visible = primaryStage != null && primaryStage.isShowing() && !primaryStage.isIconified();
        Tab shown = mainTabs == null ? null : mainTabs.getSelectionModel().getSelectedItem();
        boolean sales = visible && shown == salesTab && catalogModel != null;
        if (sales && secondTicks == null && !secondTicker.isShutdown()) {
            salesModel.tick();
            secondTicks = secondTicker.scheduleAtFixedRate(() -> {
                if (tickPending.compareAndSet(false, true)) {
                    Platform.runLater(() -> {
                        tickPending.set(false);
                        salesModel.tick();
                    });
                }
            }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        } else if (!sales && secondTicks != null) {
            secondTicks.cancel(false);
            secondTicks = null;
        }
        if (refresher != null) {
            refresher.setActive(visible && shown == cacheTab);
        }
    }

    /** True while the cache panel refreshes (the Cache tab is on screen); for tests. */
    public boolean cachePanelRefreshing() {
        return refresher != null && refresher.isActive();
    }

    /** True while the Sales tab's countdowns tick; for tests. */
    public boolean salesTicking() {
        return secondTicks != null;
    }

    /** The Sales tab, once started (for tests). */
    public SalesPanel salesPanel() {
        return salesPanel;
    }

    /** The storefront preview's model, once started (for tests). */
    public PreviewModel previewModel() {
        return previewModel;
    }

    /** The Sales and Products tabs' model, once started (for tests). */
    public CatalogModel catalogModel() {
        return catalogModel;
    }

    /** The Sales page's view-model, once started. */
    public SalesModel salesModel() {
        return salesModel;
    }

    /** The Products page's view-model, once started. */
    public ProductsModel productsModel() {
        return productsModel;
    }

    private void showCachePanel(ConsoleBackend b) {
        cacheModel = new CachePanelModel(b.cacheControl(), Clock.systemUTC(), ZoneId.systemDefault(), commands);
        shoppers = new ShopperSimulator(b.storefrontUrl());
        commands.execute(() -> shoppers.setProductIds(
                b.admin().products().stream().map(dev.flashsale.sale.Product::id).toList()));
        clusterModel = new ClusterModel(b.cluster(), System::nanoTime);
        cacheTab.setContent(new CachePanel(cacheModel, shoppers, clusterModel).node());
        cacheModel.loadAuditTrail(Platform::runLater);
        refresher = new PanelRefresher(cacheModel, clusterModel);
        updateActivity();
    }

    /** The cluster's view-model, once started (for tests). */
    public ClusterModel clusterModel() {
        return clusterModel;
    }

    /** The cache panel's model, once started (for tests and benchmarks). */
    public CachePanelModel cacheModel() {
        return cacheModel;
    }

    /** The application icon at the sizes window managers ask for. */
    static List<javafx.scene.image.Image> icons() {
        return java.util.stream.IntStream.of(16, 24, 32, 48, 64, 128, 256)
                .mapToObj(size -> ConsoleApp.class.getResource("icons/flash-sale-console-" + size + ".png"))
                .filter(java.util.Objects::nonNull)
                .map(url -> new javafx.scene.image.Image(url.toExternalForm()))
                .toList();
    }

    private static String zoneName() {
        ZoneId zone = ZoneId.systemDefault();
        return zone.getId() + " (" + zone.getDisplayName(TextStyle.SHORT, Locale.getDefault()) + ")";
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
        secondTicker.shutdownNow();
        if (refresher != null) {
            refresher.close();
        }
        if (shoppers != null) {
            shoppers.close();
        }
        if (cacheModel != null) {
            cacheModel.dispose();
        }
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
