package dev.flashsale.console.products;

import dev.flashsale.console.CatalogModel;
import dev.flashsale.sale.Product;

/** The Products page's view-model, over the shared {@link CatalogModel}: the product commands. */
public final class ProductsModel {

    private final CatalogModel catalog;

    public ProductsModel(CatalogModel catalog) {
        this.catalog = catalog;
    }

    /** The catalog the page lists (products, and the line saying what the last command did). */
    public CatalogModel catalog() {
        return catalog;
    }

    /** Saves the product form (new or edit); a refusal or a conflict shows in the form. */
    public void saveProduct(ProductFormModel form, Runnable onSaved) {
        if (!form.validProperty().get()) {
            return;
        }
        Product p = form.toProduct();
        catalog.save(() -> p.id() == 0 ? catalog.admin().createProduct(p.sku(), p.name(), p.regularPrice(), p.stock())
                        : catalog.admin().updateProduct(p),
                saved -> "Saved product " + saved.sku() + ".", onSaved, form);
    }

    /** Fills the product form with the product as stored now (after a conflict), off the FX thread. */
    public void reloadForm(ProductFormModel form) {
        Product editing = form.editing();
        if (editing == null) {
            return;
        }
        catalog.reloadForm(form, () -> {
            Product current = catalog.admin().product(editing.id()).orElse(null);
            return () -> form.reload(current);
        });
    }

    public void deleteProduct(Product p) {
        catalog.delete(() -> catalog.admin().deleteProduct(p.id(), p.version()), "Deleted product " + p.sku() + ".");
    }
}
