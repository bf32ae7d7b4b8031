package dev.flashsale.console.sales;

import dev.flashsale.console.LocalTimes;
import dev.flashsale.sale.read.StorefrontPreview;
import dev.flashsale.storefront.StorefrontJson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The storefront preview: pick a date and time, see what the storefront would answer then
 * (listing, each product's price and status), computed off the FX thread by the catalog's own
 * code with its clock set to that instant. The live cache is not touched.
 */
public final class PreviewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.ENGLISH);

    private final StorefrontPreview preview;
    private final Executor background;
    private final Consumer<Runnable> fx;
    private final ZoneId zone;
    final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    final StringProperty time = new SimpleStringProperty();
    private final ObservableList<StorefrontPreview.ProductView> products = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper listingJson = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public PreviewModel(StorefrontPreview preview, Executor background, Consumer<Runnable> fx, ZoneId zone, Instant now) {
        this.preview = preview;
        this.background = background;
        this.fx = fx;
        this.zone = zone;
        ZonedDateTime start = now.atZone(zone).plusDays(1).withHour(9).withMinute(0).withSecond(0).withNano(0);
        date.set(start.toLocalDate());
        time.set("09:00");
    }

    /** The instant the fields name (the earlier one in an autumn overlap), or null with a message. */
    Instant instant() {
        if (date.get() == null) {
            error.set("Choose a date.");
            return null;
        }
        String dateProblem = LocalTimes.dateProblem(date.get());
        if (dateProblem != null) {
            error.set("The " + dateProblem);
            return null;
        }
        LocalTimes.Typed typed = LocalTimes.parseTime(time.get());
        if (typed.time() == null) {
            error.set("The " + typed.problem());
            return null;
        }
        return ZonedDateTime.ofLocal(LocalDateTime.of(date.get(), typed.time()), zone, null).toInstant();
    }

    /** Computes the preview for the chosen instant, off the FX thread. */
    public void show() {
        Instant at = instant();
        if (at == null) {
            return;
        }
        error.set("");
        summary.set("Computing…");
        background.execute(() -> {
            try {
                StorefrontPreview.Preview p = preview.at(at);
                String json = StorefrontJson.pretty(StorefrontJson.of(p.listing()));
                long onSale = p.products().stream().filter(v -> v.price().flashSale()).count();
                String text = "At " + WHEN.format(at.atZone(zone)) + " the storefront would list "
                        + p.listing().sales().size() + " active sale" + (p.listing().sales().size() == 1 ? "" : "s")
                        + "; " + onSale + " of " + p.products().size() + " products at a flash price.";
                fx.accept(() -> {
                    products.setAll(p.products());
                    listingJson.set(json);
                    summary.set(text);
                });
            } catch (RuntimeException e) {
                fx.accept(() -> {
                    summary.set("");
                    error.set("Could not compute the preview: " + e.getMessage());
                });
            }
        });
    }

    public ObservableList<StorefrontPreview.ProductView> products() {
        return FXCollections.unmodifiableObservableList(products);
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty listingJsonProperty() {
        return listingJson.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
