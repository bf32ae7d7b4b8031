package dev.flashsale.console.cache;

import dev.flashsale.console.ConsoleBackend;
import dev.flashsale.console.ConsolePage;
import dev.flashsale.console.PageContext;
import dev.flashsale.sale.Product;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;

/**
 * The Cache page: the live panel of the cache ({@link CachePanel}, {@link CachePanelModel}), and in a
 * cluster the shared tier and the live nodes ({@link ClusterModel}). It refreshes only while on
 * screen ({@link PanelRefresher}); the status bar gets its hit rate, and the cluster's state.
 */
public final class CacheTab extends ConsolePage {

    private volatile CachePanelModel model;
    private volatile ClusterModel cluster;
    private volatile AuditModel audit;
    private ShopperSimulator shoppers;
    private volatile PanelRefresher refresher;
    private boolean clustered;

    public CacheTab() {
        super("Cache", 30);
    }

    @Override
    public Node open(PageContext context) {
        ConsoleBackend b = context.backend();
        model = new CachePanelModel(b.cacheControl(), context.clock(), context.zone(), context.commands());
        shoppers = new ShopperSimulator(b.storefrontUrl());
        context.commands().execute(() -> shoppers.setProductIds(b.admin().products().stream().map(Product::id).toList()));
        clustered = b.cluster() != null;
        cluster = new ClusterModel(b.cluster(), System::nanoTime, context.clock());
        cluster.sendFiguresTo(model::showFiguresOf);
        audit = new AuditModel(b.cacheControl(), context.commands(), context.fx(), context.clock(), context.zone());
        CachePanel panel = new CachePanel(model, shoppers, cluster, audit);
        model.loadAuditTrail(context.fx());
        audit.load();
        refresher = new PanelRefresher(model, cluster);
        return panel.node();
    }

    @Override
    public void setShown(boolean shown) {
        if (refresher != null) {
            refresher.setActive(shown);
        }
    }

    @Override
    public ObservableStringValue status() {
        if (model == null) {
            return null;
        }
        return clustered ? Bindings.concat(cluster.statusProperty(), "   |   Cache hit rate ", model.figures().hitRateProperty())
                : Bindings.concat("Cache hit rate ", model.figures().hitRateProperty());
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
        if (shoppers != null) {
            shoppers.close();
        }
        if (model != null) {
            model.dispose();
        }
    }

    /** The panel's model, once open (for tests and benchmarks). */
    public CachePanelModel model() {
        return model;
    }

    /** The audit's export and retention, once open (for tests). */
    public AuditModel auditModel() {
        return audit;
    }

    /** The cluster's view-model, once open (for tests). */
    public ClusterModel clusterModel() {
        return cluster;
    }

    /** True while the panel refreshes (the page is on screen); for tests. */
    public boolean refreshing() {
        return refresher != null && refresher.isActive();
    }
}
