package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.console.cache.CacheEntryRow;
import dev.flashsale.testkit.CachePage;
import dev.flashsale.testkit.ConsoleDriver;
import dev.flashsale.testkit.Fx;
import dev.flashsale.testkit.Ids;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The UI contract of docs/testing.md, checked against the running console: every documented id
 * and style class exists, in its window, with its documented type. The list lives in the
 * document; this test reads it, so the two cannot drift apart. A rename breaks our build, not
 * our users' tests.
 */
@Timeout(180)
class UiContractTest {

    /** A row of the contract: {@code | `#id` | `Type` | ... |} under a {@code ### Window} heading. */
    private static final Pattern ROW = Pattern.compile("^\\| `([#.][A-Za-z][\\w-]*)` \\| `(\\w+)` \\|");
    private static final Path DOC = Path.of("docs", "testing.md");

    @TempDir
    Path dir;
    private ConsoleDriver console;

    @AfterEach
    @Timeout(30)
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    record Entry(String section, String query, String type) {
    }

    static List<Entry> contract() throws IOException {
        List<Entry> out = new ArrayList<>();
        String section = null;
        boolean inContract = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                inContract = line.equals("## The UI contract");
            } else if (inContract && line.startsWith("### ")) {
                section = line.substring(4).replaceAll("\\s*\\(.*\\)$", "").strip(); // "(double-click a row)" is a hint
            } else if (inContract && section != null) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    out.add(new Entry(section, m.group(1), m.group(2)));
                }
            }
        }
        return out;
    }

    @Test
    void theDocumentListsEveryIdTheTestKitUses() throws Exception {
        Set<String> documented = new TreeSet<>();
        contract().forEach(e -> documented.add(e.query()));
        List<String> missing = new ArrayList<>();
        for (Field f : Ids.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String id = (String) f.get(null);
                if (!documented.contains(id)) {
                    missing.add(f.getName() + " = " + id);
                }
            }
        }
        assertEquals(List.of(), missing, "ids the kit uses that docs/testing.md does not document");
        assertTrue(documented.size() >= 75, "the contract was read: " + documented.size() + " entries");
    }

    @Test
    void everyDocumentedNodeExistsWithItsDocumentedType() throws Exception {
        Map<String, List<Entry>> bySection = new LinkedHashMap<>();
        for (Entry e : contract()) {
            bySection.computeIfAbsent(e.section(), k -> new ArrayList<>()).add(e);
        }
        console = ConsoleDriver.start(dir.resolve("store.db")); // the demo catalog: sales on the timeline
        FxRobot robot = console.robot();
        // Traffic, so the cache table has rows with their buttons and bars.
        console.get("/api/products/1/price");
        console.get("/api/flash-sales/active");

        List<String> failures = new ArrayList<>();
        for (var section : bySection.entrySet()) {
            Runnable close = open(section.getKey(), robot);
            for (Entry e : section.getValue()) {
                try {
                    Node n = Fx.find(robot, e.query(), Node.class, section.getKey());
                    Class<?> type = n.getClass();
                    boolean matches = false;
                    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                        matches |= c.getSimpleName().equals(e.type());
                    }
                    if (!matches) {
                        failures.add(section.getKey() + ": " + e.query() + " is a " + type.getSimpleName() + ", documented as "
                                + e.type());
                    }
                } catch (AssertionError missing) {
                    failures.add(section.getKey() + ": " + missing.getMessage());
                }
            }
            close.run();
        }
        assertEquals(List.of(), failures, "the UI differs from docs/testing.md");
    }

    /** Opens the window a section documents; returns how to close it again. */
    private Runnable open(String section, FxRobot robot) {
        switch (section) {
            case "Main window":
                return () -> { };
            case "Sales tab":
                console.salesPage();
                return () -> { };
            case "Sale form":
                console.salesPage().newSale();
                return () -> robot.clickOn("#cancelSaleButton");
            case "Campaign form":
                console.salesPage();
                robot.clickOn("#newCampaignButton");
                return () -> robot.clickOn("#cancelCampaignButton");
            case "Products tab":
                console.productsPage();
                return () -> { };
            case "Product form":
                console.productsPage().newProduct();
                return () -> robot.clickOn("#cancelProductButton");
            case "Storefront preview":
                console.salesPage();
                robot.clickOn("#previewStorefrontButton");
                return () -> robot.push(KeyCode.ESCAPE);
            case "Cache tab":
                console.cachePage().waitForEntry("price:1");
                return () -> { };
            case "Cache entry detail": {
                CachePage cache = console.cachePage();
                cache.waitForEntry("price:1");
                Node[] row = new Node[1];
                Fx.waitUntil("the row of price:1 is on screen", () -> {
                    row[0] = robot.lookup(".table-row-cell").match(n -> n instanceof TableRow<?> tr
                            && tr.getItem() instanceof CacheEntryRow c && c.key().equals("price:1")).tryQuery().orElse(null);
                    return row[0] != null;
                });
                robot.doubleClickOn(row[0]);
                return () -> robot.clickOn("OK");
            }
            case "Invalidation confirmation":
                console.cachePage();
                robot.clickOn("#clearCacheButton");
                return () -> robot.clickOn("Cancel");
            case "Style classes":
                // Cache rows (buttons, bars) and timeline bars are in the main window, whose tabs
                // were all shown above; .form-error needs a form open.
                console.cachePage().waitForEntry("price:1");
                console.salesPage().newSale();
                return () -> robot.clickOn("#cancelSaleButton");
            default:
                throw new AssertionError("docs/testing.md has a section \"" + section + "\" that this test cannot open:"
                        + " teach open() how to reach it");
        }
    }
}
