package dev.flashsale.console.sales;

import dev.flashsale.console.CatalogModel;
import dev.flashsale.console.Conflicts;
import dev.flashsale.console.Countdown;
import dev.flashsale.console.SaleRow;
import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.EditConflictException;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.SaleStatus;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.admin.SaleCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Sales page's view-model, over the shared {@link CatalogModel}: the filter and search, the
 * countdowns (they tick from {@link #nowProperty()} without querying the database), and the
 * sale commands: save, delete, import, export.
 */
public final class SalesModel {

    private final CatalogModel catalog;
    private final CampaignAdmin campaigns;
    /** FX thread only: a preview is being asked, and the form changed again meanwhile. */
    private boolean previewing;
    private boolean previewAgain;
    private final FilteredList<SaleRow> visibleSales;
    private final ObjectProperty<SaleStatus> statusFilter = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> campaignFilter = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ImportProgress> importing = new ReadOnlyObjectWrapper<>();
    private final AtomicBoolean progressPosted = new AtomicBoolean();
    private volatile ImportProgress latestProgress;
    private volatile boolean cancelRequested;

    public SalesModel(CatalogModel catalog, CampaignAdmin campaigns) {
        this.catalog = catalog;
        this.campaigns = campaigns;
        this.visibleSales = new FilteredList<>(catalog.sales());
        now.set(catalog.clock().instant());
        statusFilter.addListener(o -> refilter());
        search.addListener(o -> refilter());
        campaignFilter.addListener(o -> refilter());
        // texts of rows replaced by a reload are made anew
        catalog.sales().addListener((ListChangeListener<SaleRow>) c -> rowTexts.clear());
    }

    public CatalogModel catalog() {
        return catalog;
    }

    private void refilter() {
        SaleStatus status = statusFilter.get();
        String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        String campaign = campaignFilter.get();
        Instant t = now.get();
        visibleSales.setPredicate(r -> (status == null || r.sale().statusAt(t) == status)
                && (campaign == null || r.campaign().equals(campaign))
                && (text.isEmpty() || r.productName().toLowerCase(Locale.ROOT).contains(text)));
    }

    /** The campaigns the sales belong to, by name, for the campaign filter (sorted; no empty name). */
    public List<String> campaignNames() {
        return catalog.sales().stream().map(SaleRow::campaign).filter(c -> !c.isEmpty()).distinct().sorted().toList();
    }

    /** Only the sales of this campaign (by name); null: every sale. */
    public ObjectProperty<String> campaignFilterProperty() {
        return campaignFilter;
    }

    /** FX thread: moves the countdowns (and the status filter, as sales start and end). */
    public void tick() {
        now.set(catalog.clock().instant());
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
    private final Map<Long, RowTexts> rowTexts = new HashMap<>();

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
        catalog.save(() -> editing == null ? catalog.admin().createSale(productId, price, start, end)
                        : catalog.admin().updateSale(editing.id(), editing.version(), productId, price, start, end),
                saved -> (editing == null ? "Created" : "Saved") + " sale #" + saved.id() + ".", onSaved, form);
    }

    /** Fills the form with the sale as stored now (after a conflict), off the FX thread. */
    public void reloadForm(SaleFormModel form) {
        FlashSale editing = form.editing();
        if (editing == null) {
            return;
        }
        catalog.reloadForm(form, () -> {
            FlashSale current = catalog.admin().sale(editing.id()).orElse(null);
            Product product = current == null ? null : catalog.admin().product(current.productId()).orElse(null);
            return () -> form.reload(current, product);
        });
    }

    public void delete(SaleRow row) {
        catalog.delete(() -> catalog.admin().deleteSale(row.sale().id(), row.sale().version()),
                "Deleted sale #" + row.sale().id() + " (" + row.productName() + ").");
    }

    /**
     * An import running: the file's name, the line reached and how much of the file is read (0 to
     * 1; negative when the file's size is unknown).
     */
    public record ImportProgress(String file, long line, double fraction) {
    }

    /**
     * Imports a CSV file all-or-nothing, a line at a time, showing its progress in
     * {@link #importingProperty()}; {@code done} gets a message for the user (not after a cancel,
     * which the status line reports). One import at a time: a second call while one runs does nothing.
     */
    public void importCsv(Path file, Consumer<String> done) {
        if (importing.get() != null) {
            return;
        }
        String name = file.getFileName().toString();
        cancelRequested = false;
        importing.set(new ImportProgress(name, 0, 0));
        catalog.inBackground(() -> {
            String result;
            boolean cancelled = false;
            try (SaleCsv.Lines lines = SaleCsv.open(Files.newInputStream(file))) {
                double size = Files.size(file); // 0 for a pipe: how far it got is then unknown
                CatalogAdmin.ImportResult r = catalog.admin().importSales(lines, line -> {
                    showProgress(new ImportProgress(name, line, size > 0 ? Math.min(1, lines.bytesRead() / size) : -1));
                    return !cancelRequested;
                });
                result = String.format(Locale.ROOT, "Imported %s: %,d sale%s created, %,d updated, %,d unchanged.",
                        name, r.created(), r.created() == 1 ? "" : "s", r.updated(), r.unchanged());
            } catch (CatalogAdmin.ImportCancelledException e) {
                cancelled = true;
                result = String.format(Locale.ROOT, "Import of %s cancelled at line %,d: nothing was imported.",
                        name, e.line());
            } catch (ValidationException e) {
                result = "Nothing was imported from " + name + ":\n" + e.errors().stream()
                        .map(FieldError::message).collect(Collectors.joining("\n"));
            } catch (IOException | RuntimeException e) {
                result = "Nothing was imported: " + e.getMessage();
            }
            String r = result;
            boolean tell = !cancelled;
            catalog.reload(() -> {
                importing.set(null);
                catalog.say(r.lines().findFirst().orElse(r));
                if (tell) {
                    done.accept(r);
                }
            });
        });
    }

    /**
     * FX thread: asks the store what {@code form}'s campaign would do, off the FX thread; the answer
     * goes to the form if it is still about what the form shows. One question at a time: edits made
     * while one is out are asked about once it is back (typing does not queue a query per key).
     */
    public void previewCampaign(CampaignFormModel form) {
        CampaignAdmin.Draft draft = form.draft();
        if (draft == null) {
            return;
        }
        if (previewing) {
            previewAgain = true;
            return;
        }
        previewing = true;
        long edit = form.edit();
        catalog.inBackground(() -> {
            Runnable answer;
            try {
                CampaignAdmin.Preview p = form.editing() == null ? campaigns.preview(draft)
                        : campaigns.previewEdit(draft.name(), draft.rule(), draft.skus());
                answer = () -> form.showPreview(edit, p);
            } catch (RuntimeException e) {
                answer = () -> form.showPreviewFailed(edit, e.getMessage());
            }
            Runnable show = answer;
            catalog.onFx(() -> {
                previewing = false;
                show.run();
                if (previewAgain) {
                    previewAgain = false;
                    previewCampaign(form);
                }
            });
        });
    }

    /** Saves {@code form}'s campaign, all or nothing, off the FX thread; a refusal shows in the form. */
    public void saveCampaign(CampaignFormModel form, Runnable onSaved) {
        CampaignAdmin.Draft draft = form.draft();
        if (draft == null) {
            return;
        }
        Campaign editing = form.editing();
        if (editing != null) {
            catalog.save(() -> campaigns.edit(editing.name(), editing.version(), draft.rule(), draft.skus()),
                    k -> "Saved campaign \"" + k.name() + "\" (" + k.rule().describe() + ").", onSaved, form);
            return;
        }
        catalog.save(() -> campaigns.create(draft), k -> "Created campaign \"" + k.name() + "\" ("
                + draft.skus().size() + " products).", onSaved, form);
    }

    /** FX thread: reads campaign {@code name} and its products off the FX thread, and gives a form editing it to {@code open}. */
    public void editCampaignForm(String name, Consumer<CampaignFormModel> open) {
        catalog.inBackground(() -> {
            try {
                CampaignAdmin.Current current = campaigns.current(name).orElse(null);
                catalog.onFx(() -> {
                    if (current == null) {
                        catalog.say("Campaign \"" + name + "\" is gone.");
                    } else {
                        open.accept(CampaignFormModel.editing(zone(), current));
                    }
                });
            } catch (RuntimeException e) {
                catalog.onFx(() -> catalog.say("Could not read campaign \"" + name + "\": " + e.getMessage()));
            }
        });
    }

    /** After a conflict: the form shows the campaign as stored now, off the FX thread. */
    public void reloadCampaignForm(CampaignFormModel form) {
        Campaign editing = form.editing();
        if (editing == null) {
            return;
        }
        catalog.reloadForm(form, () -> {
            CampaignAdmin.Current current = campaigns.current(editing.name())
                    .orElseThrow(() -> new IllegalStateException("the campaign is gone"));
            return () -> form.reloaded(current);
        });
    }

    /** FX thread: the campaign named {@code name} as stored, given to {@code show} on the FX thread (null if gone). */
    public void campaign(String name, Consumer<Campaign> show) {
        catalog.inBackground(() -> {
            Campaign k = null;
            try {
                k = campaigns.find(name).orElse(null);
            } catch (RuntimeException e) {
                catalog.onFx(() -> catalog.say("Could not read campaign \"" + name + "\": " + e.getMessage()));
            }
            Campaign found = k;
            catalog.onFx(() -> show.accept(found));
        });
    }

    /**
     * Moves campaign {@code seen} (as the admin saw it) and its sales that have not ended by
     * {@code by}, off the FX thread; if another admin changed it since, nothing moves.
     */
    void shiftCampaign(Campaign seen, Shift.Typed by) {
        catalog.inBackground(() -> {
            String said;
            try {
                Campaign k = campaigns.shift(seen.name(), seen.version(), by.days(), by.time());
                said = "Moved campaign \"" + k.name() + "\" " + Shift.describe(by) + ".";
            } catch (EditConflictException e) {
                said = "Not moved: " + conflict(e);
            } catch (RuntimeException e) { // a refusal lists its reasons; a store away says so
                said = "Not moved: " + e.getMessage();
            }
            String r = said;
            catalog.reload(() -> catalog.say(r));
        });
    }

    /** Cancels campaign {@code seen} (its sales that have not ended are deleted), off the FX thread, unless changed since. */
    public void cancelCampaign(Campaign seen) {
        catalog.inBackground(() -> {
            String said;
            try {
                Campaign k = campaigns.cancel(seen.name(), seen.version());
                said = "Cancelled campaign \"" + k.name() + "\": its sales that had not ended are deleted.";
            } catch (EditConflictException e) {
                said = "Not cancelled: " + conflict(e);
            } catch (RuntimeException e) {
                said = "Not cancelled: " + e.getMessage();
            }
            String r = said;
            catalog.reload(() -> catalog.say(r));
        });
    }

    private String conflict(EditConflictException e) {
        return Conflicts.message(e, zone(), catalog.clock().instant()).replace("reload it to see the change",
                "the strip now shows it");
    }

    /** A new campaign form, starting at the next full hour for three days. */
    public CampaignFormModel newCampaignForm() {
        return new CampaignFormModel(zone(), catalog.clock().instant());
    }

    /** Asks the running import to stop: it writes nothing. */
    public void cancelImport() {
        cancelRequested = true;
    }

    /** The import running, or null. */
    public ReadOnlyObjectProperty<ImportProgress> importingProperty() {
        return importing.getReadOnlyProperty();
    }

    /** From the import's thread: at most one update waits for the FX thread, carrying the latest figures. */
    private void showProgress(ImportProgress p) {
        latestProgress = p;
        if (progressPosted.compareAndSet(false, true)) {
            catalog.onFx(() -> {
                progressPosted.set(false);
                if (importing.get() != null) { // not after the import's end was shown
                    importing.set(latestProgress);
                }
            });
        }
    }

    public void exportCsv(Path file, Consumer<String> done) {
        catalog.inBackground(() -> {
            String result;
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                int n = catalog.admin().exportSales(out);
                result = "Exported " + n + " sales to " + file.getFileName() + ".";
            } catch (IOException | RuntimeException e) {
                result = "Export failed: " + e.getMessage();
            }
            String r = result;
            catalog.onFx(() -> {
                catalog.say(r);
                done.accept(r);
            });
        });
    }

    public ObservableList<SaleRow> sales() {
        return catalog.sales();
    }

    /** The sales shown: filtered by status and product name. */
    public ObservableList<SaleRow> visibleSales() {
        return visibleSales;
    }

    public ObservableList<Product> products() {
        return catalog.products();
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
        return catalog.messageProperty();
    }

    public ZoneId zone() {
        return catalog.zone();
    }

    public Clock clock() {
        return catalog.clock();
    }

    Product productOf(long id) {
        return catalog.productOf(id);
    }
}
