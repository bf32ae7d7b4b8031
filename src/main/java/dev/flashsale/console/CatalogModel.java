package dev.flashsale.console;

import dev.flashsale.sale.EditConflictException;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.CatalogAdmin;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The catalog as the console holds it, shared by the Sales and Products pages (each has its own
 * view-model on top: {@code SalesModel}, {@code ProductsModel}): the products, the sales as
 * rows, the last outcome message, and the reload. Database work runs on {@code background};
 * results come back through {@code fx} (Platform.runLater in the app, inline in tests).
 */
public final class CatalogModel {

    private final CatalogAdmin admin;
    private final Executor background;
    private final Consumer<Runnable> fx;
    private final Clock clock;
    private final ZoneId zone;

    private final ObservableList<SaleRow> sales = FXCollections.observableArrayList();
    private final ObservableList<Product> products = FXCollections.observableArrayList();
    // One read-only view each, kept: a view made per call listens to its list only weakly, so a
    // listener added to a view nobody holds stops hearing changes once the view is collected.
    private final ObservableList<SaleRow> salesView = FXCollections.unmodifiableObservableList(sales);
    private final ObservableList<Product> productsView = FXCollections.unmodifiableObservableList(products);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public CatalogModel(CatalogAdmin admin, Executor background, Consumer<Runnable> fx, Clock clock, ZoneId zone) {
        this.admin = admin;
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        this.zone = zone;
    }

    /** Reloads products and sales off the FX thread. */
    public void reload() {
        reload(() -> { });
    }

    /** Reloads, then runs {@code then} on the FX thread. */
    public void reload(Runnable then) {
        background.execute(() -> {
            try {
                List<Product> ps = admin.products();
                List<FlashSale> ss = admin.sales();
                Map<Long, Product> byId = ps.stream().collect(Collectors.toMap(Product::id, Function.identity()));
                Map<Long, String> campaigns = ss.stream().anyMatch(s -> s.campaignId() != 0) ? admin.campaignNames()
                        : Map.of();
                List<SaleRow> rows = ss.stream().map(s -> SaleRow.of(s, byId.get(s.productId()),
                        campaigns.get(s.campaignId()))).toList();
                fx.accept(() -> {
                    // unchanged lists are left alone: a reload heard from another process must not
                    // clear selections and open pickers for nothing
                    if (!products.equals(ps)) {
                        products.setAll(ps);
                    }
                    if (!sales.equals(rows)) {
                        sales.setAll(rows);
                    }
                    then.run();
                });
            } catch (RuntimeException e) {
                fx.accept(() -> message.set("Could not load the catalog: " + e.getMessage()));
            }
        });
    }

    /**
     * Saves off the FX thread: on success reloads, says {@code said} of the result and runs
     * {@code onSaved}; a conflict or a refusal shows in {@code form}, and nothing is saved.
     */
    public <T> void save(Supplier<T> write, Function<T, String> said, Runnable onSaved,
                         FormState form) {
        background.execute(() -> {
            try {
                T saved = write.get();
                reload(() -> {
                    message.set(said.apply(saved));
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

    /** Deletes off the FX thread and says how it went on the page (after a conflict, the table shows the change). */
    public void delete(Runnable write, String said) {
        background.execute(() -> {
            try {
                write.run();
                reload(() -> message.set(said));
            } catch (EditConflictException e) {
                reload(() -> message.set("Not deleted: " + Conflicts.message(e, zone, clock.instant())
                        .replace("reload it to see the change", "the table now shows it")));
            } catch (RuntimeException e) {
                fx.accept(() -> message.set("Not deleted: " + e.getMessage()));
            }
        });
    }

    /**
     * After a conflict: reads what {@code form} edits as it is stored now, off the FX thread
     * ({@code read} returns how to refill the form with it), then reloads the catalog and refills
     * the form on the FX thread. A failed read is said in the form.
     */
    public void reloadForm(FormState form, Supplier<Runnable> read) {
        background.execute(() -> {
            try {
                Runnable refill = read.get();
                reload(refill);
            } catch (RuntimeException e) {
                fx.accept(() -> form.showDomainError("Could not reload: " + e.getMessage()));
            }
        });
    }

    /** Runs database work off the FX thread. */
    public void inBackground(Runnable work) {
        background.execute(work);
    }

    /** Runs {@code update} on the FX thread. */
    public void onFx(Runnable update) {
        fx.accept(update);
    }

    /** FX thread: the outcome line pages show ("Created sale #7.", "Not deleted: ..."). */
    public void say(String text) {
        message.set(text);
    }

    public CatalogAdmin admin() {
        return admin;
    }

    public ObservableList<SaleRow> sales() {
        return salesView;
    }

    public ObservableList<Product> products() {
        return productsView;
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

    public Product productOf(long id) {
        return products.stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }
}
