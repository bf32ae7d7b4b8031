package dev.flashsale.console;

import dev.flashsale.sale.CatalogAdmin;
import dev.flashsale.sale.EditConflictException;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.SaleCsv;
import dev.flashsale.sale.SaleStatus;
import dev.flashsale.sale.ValidationException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the Sales and Products tabs. Database work runs on {@code background}; results come
 * back through {@code fx} (Platform.runLater in the app, inline in tests). Countdowns tick from
 * {@link #nowProperty()} without querying the database.
 */
public final class CatalogModel {

    private final CatalogAdmin admin;
    private final Executor background;
    private final Consumer<Runnable> fx;
    private final Clock clock;
    private final ZoneId zone;

    private final ObservableList<SaleRow> sales = FXCollections.observableArrayList();
    private final FilteredList<SaleRow> visibleSales = new FilteredList<>(sales);
    private final ObservableList<Product> products = FXCollections.observableArrayList();
    private final ObjectProperty<SaleStatus> statusFilter = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public CatalogModel(CatalogAdmin admin, Executor background, Consumer<Runnable> fx, Clock clock, ZoneId zone) {
        this.admin = admin;
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        this.zone = zone;
        now.set(clock.instant());
        statusFilter.addListener(o -> refilter());
        search.addListener(o -> refilter());
    }

    private void refilter() {
        SaleStatus status = statusFilter.get();
        String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        Instant t = now.get();
        visibleSales.setPredicate(r -> (status == null || r.sale().statusAt(t) == status)
                && (text.isEmpty() || r.productName().toLowerCase(Locale.ROOT).contains(text)));
    }

    /** FX thread: moves the countdowns (and the status filter, as sales start and end). */
    public void tick() {
        now.set(clock.instant());
        Instant t = now.get();
        // Only texts that change notify their cells: a table of ended sales does nothing each second.
        for (RowTexts r : rowTexts.values()) {
            r.status.set(r.sale.statusAt(t).name());
            r.countdown.set(Countdown.of(r.sale, t));
        }
        if (statusFilter.get() != null) {
            refilter();
        }
    }

    /** The status and countdown texts of one sale, set each second only when they change. */
    private static final class RowTexts {
        final FlashSale sale;
        final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
        final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper();

        RowTexts(FlashSale sale, Instant now) {
            this.sale = sale;
            status.set(sale.statusAt(now).name());
            countdown.set(Countdown.of(sale, now));
        }
    }

    /** Texts of the rows the table has shown; rebuilt with each reload. */
    private final java.util.Map<Long, RowTexts> rowTexts = new java.util.HashMap<>();

    private RowTexts texts(SaleRow row) {
        RowTexts r = rowTexts.get(row.sale().id());
        if (r == null || r.sale != row.sale()) {
            r = new RowTexts(row.sale(), now.get());
            rowTexts.put(row.sale().id(), r);
        }
        return r;
    }

    /** FX thread: the sale's status as of the last tick (ACTIVE, SCHEDULED, ENDED). */
    public ReadOnlyStringProperty statusOf(SaleRow row) {
        return texts(row).status.getReadOnlyProperty();
    }

    /** FX thread: the sale's countdown as of the last tick ("ends in 04:12"). */
    public ReadOnlyStringProperty countdownOf(SaleRow row) {
        return texts(row).countdown.getReadOnlyProperty();
    }

    /** Reloads products and sales off the FX thread. */
    public void reload() {
        reload(() -> { });
    }

    private void reload(Runnable then) {
        background.execute(() -> {
            try {
                List<Product> ps = admin.products();
                List<FlashSale> ss = admin.sales();
                Map<Long, Product> byId = ps.stream().collect(Collectors.toMap(Product::id, Function.identity()));
                List<SaleRow> rows = ss.stream().map(s -> SaleRow.of(s, byId.get(s.productId()))).toList();
                fx.accept(() -> {
                    // unchanged lists are left alone: a reload heard from another process must not
                    // clear selections and open pickers for nothing
                    if (!products.equals(ps)) {
                        products.setAll(ps);
                    }
                    if (!sales.equals(rows)) {
                        rowTexts.clear();
                        sales.setAll(rows);
                    }
                    then.run();
                });
            } catch (RuntimeException e) {
                fx.accept(() -> message.set("Could not load the catalog: " + e.getMessage()));
            }
        });
    }

    /** Saves the form (create or update); on a domain refusal the form shows why and nothing is saved. */
    public void save(SaleFormModel form, Runnable onSaved) {
        if (!form.validProperty().get()) {
            return; // Enter on a form that is not valid: the form already says why
        }
        long productId = form.product.get().id();
        var price = form.flashPriceValue();
        Instant start = form.startsAt();
        Instant end = form.endsAt();
        FlashSale editing = form.editing();
        background.execute(() -> {
            try {
                FlashSale saved = editing == null ? admin.createSale(productId, price, start, end)
                        : admin.updateSale(editing.id(), editing.version(), productId, price, start, end);
                reload(() -> {
                    message.set((editing == null ? "Created" : "Saved") + " sale #" + saved.id() + ".");
                    onSaved.run();
                });
            } catch (EditConflictException e) {
                fx.accept(() -> form.showConflict(Conflicts.message(e, zone, clock.instant())));
            } catch (ValidationException e) {
                fx.accept(() -> form.showDomainError(e.getMessage()));
            } catch (RuntimeException e) {
                fx.accept(() -> form.showDomainError("Not saved: " + e.getMessage()));
            }
        });
    }

    /** Fills the form with the sale as stored now (after a conflict), off the FX thread. */
    public void reloadForm(SaleFormModel form) {
        FlashSale editing = form.editing();
        if (editing == null) {
            return;
        }
        background.execute(() -> {
            try {
                FlashSale current = admin.sale(editing.id()).orElse(null);
                Product product = current == null ? null : admin.product(current.productId()).orElse(null);
                reload(() -> form.reload(current, product));
            } catch (RuntimeException e) {
                fx.accept(() -> form.showDomainError("Could not reload: " + e.getMessage()));
            }
        });
    }

    public void delete(SaleRow row) {
        background.execute(() -> {
            try {
                admin.deleteSale(row.sale().id(), row.sale().version());
                reload(() -> message.set("Deleted sale #" + row.sale().id() + " (" + row.productName() + ")."));
            } catch (EditConflictException e) {
                reload(() -> message.set("Not deleted: " + Conflicts.message(e, zone, clock.instant())
                        .replace("reload it to see the change", "the table now shows it")));
            } catch (RuntimeException e) {
                fx.accept(() -> message.set("Not deleted: " + e.getMessage()));
            }
        });
    }

    /** Imports a CSV file all-or-nothing; {@code done} gets a message for the user. */
    public void importCsv(Path file, Consumer<String> done) {
        background.execute(() -> {
            String result;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                CatalogAdmin.ImportResult r = admin.importSales(SaleCsv.read(in));
                result = "Imported " + file.getFileName() + ": " + r.created().size() + " sale"
                        + (r.created().size() == 1 ? "" : "s") + " created, " + r.updated().size() + " updated, "
                        + r.unchanged() + " unchanged.";
            } catch (ValidationException e) {
                result = "Nothing was imported from " + file.getFileName() + ":\n" + e.errors().stream()
                        .map(dev.flashsale.sale.FieldError::message).collect(Collectors.joining("\n"));
            } catch (IOException | RuntimeException e) {
                result = "Nothing was imported: " + e.getMessage();
            }
            String r = result;
            reload(() -> {
                message.set(r.lines().findFirst().orElse(r));
                done.accept(r);
            });
        });
    }

    public void exportCsv(Path file, Consumer<String> done) {
        background.execute(() -> {
            String result;
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                List<FlashSale> all = admin.sales();
                Map<Long, String> sku = admin.products().stream().collect(Collectors.toMap(Product::id, Product::sku));
                SaleCsv.write(out, all, sku::get);
                result = "Exported " + all.size() + " sales to " + file.getFileName() + ".";
            } catch (IOException | RuntimeException e) {
                result = "Export failed: " + e.getMessage();
            }
            String r = result;
            fx.accept(() -> {
                message.set(r);
                done.accept(r);
            });
        });
    }

    /** Saves the product form (new or edit); a refusal or a conflict shows in the form. */
    public void saveProduct(ProductFormModel form, Runnable onSaved) {
        if (!form.validProperty().get()) {
            return;
        }
        Product p = form.toProduct();
        background.execute(() -> {
            try {
                Product saved = p.id() == 0 ? admin.createProduct(p.sku(), p.name(), p.regularPrice(), p.stock())
                        : admin.updateProduct(p);
                reload(() -> {
                    message.set("Saved product " + saved.sku() + ".");
                    onSaved.run();
                });
            } catch (EditConflictException e) {
                fx.accept(() -> form.showConflict(Conflicts.message(e, zone, clock.instant())));
            } catch (ValidationException e) {
                fx.accept(() -> form.showDomainError(e.getMessage()));
            } catch (RuntimeException e) {
                fx.accept(() -> form.showDomainError("Not saved: " + e.getMessage()));
            }
        });
    }

    /** Fills the product form with the product as stored now (after a conflict), off the FX thread. */
    public void reloadForm(ProductFormModel form) {
        Product editing = form.editing();
        if (editing == null) {
            return;
        }
        background.execute(() -> {
            try {
                Product current = admin.product(editing.id()).orElse(null);
                reload(() -> form.reload(current));
            } catch (RuntimeException e) {
                fx.accept(() -> form.showDomainError("Could not reload: " + e.getMessage()));
            }
        });
    }

    public void deleteProduct(Product p) {
        background.execute(() -> {
            try {
                admin.deleteProduct(p.id(), p.version());
                reload(() -> message.set("Deleted product " + p.sku() + "."));
            } catch (EditConflictException e) {
                reload(() -> message.set("Not deleted: " + Conflicts.message(e, zone, clock.instant())
                        .replace("reload it to see the change", "the table now shows it")));
            } catch (RuntimeException e) {
                fx.accept(() -> message.set("Not deleted: " + e.getMessage()));
            }
        });
    }

    public ObservableList<SaleRow> sales() {
        return FXCollections.unmodifiableObservableList(sales);
    }

    /** The sales shown: filtered by status and product name. */
    public ObservableList<SaleRow> visibleSales() {
        return visibleSales;
    }

    public ObservableList<Product> products() {
        return FXCollections.unmodifiableObservableList(products);
    }

    public ObjectProperty<SaleStatus> statusFilterProperty() {
        return statusFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }

    public Clock clock() {
        return clock;
    }

    Product productOf(long id) {
        return products.stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }
}
