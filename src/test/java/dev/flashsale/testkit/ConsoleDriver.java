package dev.flashsale.testkit;

import dev.flashsale.console.ConsoleApp;
import dev.flashsale.console.cache.CacheTab;
import dev.flashsale.sale.Product;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The whole console started inside a test, as a user starts it (its own command-line options),
 * on a throwaway database and a free port; the entry to the page objects.
 *
 * <pre>{@code
 * try (ConsoleDriver console = ConsoleDriver.start(tempDir.resolve("store.db"))) {
 *     console.salesPage().newSale().product("Trail Running Shoes").flashPrice("79.95")
 *             .starts(tomorrowAt9).ends(tomorrowAt18).save();
 * }
 * }</pre>
 */
public final class ConsoleDriver implements AutoCloseable {

    private final FxRobot robot = new FxRobot();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ConsoleApp app;

    private ConsoleDriver(ConsoleApp app) {
        this.app = app;
    }

    /** Starts the console on {@code db} with the demo catalog (a new file is seeded), port 0. */
    public static ConsoleDriver start(Path db, String... moreOptions) {
        List<String> args = new ArrayList<>(List.of("--db", db.toString(), "--port", "0"));
        args.addAll(List.of(moreOptions));
        ConsoleApp app;
        try {
            FxToolkit.registerPrimaryStage();
            app = (ConsoleApp) FxToolkit.setupApplication(ConsoleApp.class, args.toArray(String[]::new));
        } catch (TimeoutException e) {
            throw new AssertionError("the JavaFX toolkit did not start; headless? set -Dtestfx.headless=true", e);
        }
        ConsoleDriver driver = new ConsoleDriver(app);
        try {
            Fx.waitUntil("the console has started (its database, cache and storefront)",
                    () -> app.backend() != null && app.catalogModel() != null && app.page(CacheTab.class).model() != null);
        } catch (AssertionError e) {
            driver.close();
            throw e;
        }
        return driver;
    }

    /** Starts the console on {@code db} with an empty catalog ({@code --no-demo}). */
    public static ConsoleDriver startEmpty(Path db, String... moreOptions) {
        List<String> args = new ArrayList<>(List.of("--no-demo"));
        args.addAll(List.of(moreOptions));
        return start(db, args.toArray(String[]::new));
    }

    public ConsoleApp app() {
        return app;
    }

    public FxRobot robot() {
        return robot;
    }

    /** The storefront's base URL, e.g. {@code http://127.0.0.1:41733}. */
    public String storefrontUrl() {
        return app.backend().storefrontUrl();
    }

    /** GETs {@code path} from the storefront (e.g. {@code /api/flash-sales/active}) and returns the body. */
    public String get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(storefrontUrl() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The id of the product with this SKU, as the storefront's URLs use it. */
    public long productId(String sku) {
        return app.backend().admin().products().stream().filter(p -> p.sku().equals(sku)).map(Product::id)
                .findFirst().orElseThrow(() -> new AssertionError("no product with SKU " + sku));
    }

    public SalesPage salesPage() {
        selectTab("Sales");
        return new SalesPage(this);
    }

    public ProductsPage productsPage() {
        selectTab("Products");
        return new ProductsPage(this);
    }

    public CachePage cachePage() {
        selectTab("Cache");
        return new CachePage(this);
    }

    private void selectTab(String title) {
        TabPane tabs = Fx.find(robot, Ids.MAIN_TABS, TabPane.class, "the main window");
        Fx.run(() -> tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    /** Closes the console's windows and stops it (its storefront and database). */
    @Override
    public void close() {
        try {
            FxToolkit.cleanupStages();
            FxToolkit.cleanupApplication(app);
        } catch (TimeoutException e) {
            throw new AssertionError("the console did not stop within the toolkit's timeout", e);
        }
    }
}
