package dev.flashsale.console.products;

import dev.flashsale.console.CatalogModel;
import dev.flashsale.sale.Product;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/** The Products page's view-model, over the shared {@link CatalogModel}: the product commands. */
public final class ProductsModel {

    private final CatalogModel catalog;

    public ProductsModel(CatalogModel catalog) {
        this.catalog = catalog;
    }

    public CatalogModel catalog() {
        return catalog;
    }

    public ObservableList<Product> products() {
        return catalog.products();
    }

    public ReadOnlyStringProperty messageProperty() {
        return catalog.messageProperty();
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
        catalog.inBackground(() -> {
            try {
                Product current = catalog.admin().product(editing.id()).orElse(null);
                catalog.reload(() -> form.reload(current));
            } catch (RuntimeException e) {
                catalog.onFx(() -> form.showDomainError("Could not reload: " + e.getMessage()));
            }
        });
    }

    public void deleteProduct(Product p) {
        catalog.delete(() -> catalog.admin().deleteProduct(p.id(), p.version()), "Deleted product " + p.sku() + ".");
    }
}
