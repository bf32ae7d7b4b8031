package dev.flashsale.console.products;

import dev.flashsale.console.ConsolePage;
import dev.flashsale.console.PageContext;
import javafx.scene.Node;

/** The Products page: the catalog and its form ({@link ProductsPanel}, {@link ProductsModel}). */
public final class ProductsTab extends ConsolePage {

    private volatile ProductsModel model;

    public ProductsTab() {
        super("Products", 20);
    }

    @Override
    public Node open(PageContext context) {
        model = new ProductsModel(context.catalog());
        return new ProductsPanel(model).node();
    }

    /** The page's view-model, once open. */
    public ProductsModel model() {
        return model;
    }
}
