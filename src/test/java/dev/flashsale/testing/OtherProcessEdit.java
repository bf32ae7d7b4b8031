package dev.flashsale.testing;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.store.Database;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Another process editing the same database file, as a second console would: run by tests with
 * {@link #run}. Arguments: DB sale ID PRICE (reprice a sale) or DB product ID NAME (rename a product).
 */
public final class OtherProcessEdit {
    private OtherProcessEdit() {
    }

    public static void main(String[] args) {
        try (Database db = Database.open(Path.of(args[0]))) {
            CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().build(), Clock.systemUTC());
            long id = Long.parseLong(args[2]);
            if (args[1].equals("sale")) {
                FlashSale s = admin.sale(id).orElseThrow();
                admin.updateSale(id, s.version(), s.productId(), new BigDecimal(args[3]), s.startsAt(), s.endsAt());
            } else {
                Product p = admin.product(id).orElseThrow();
                admin.updateProduct(new Product(id, p.sku(), args[3], p.regularPrice(), p.stock(), p.version()));
            }
        }
        System.out.println("edited");
    }

    /** Runs the edit in a new JVM on this test's class path and waits for it; fails unless it printed "edited". */
    public static void run(Path db, String kind, long id, String value) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OtherProcessEdit.class.getName(),
                db.toString(), kind, Long.toString(id), value).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the other process did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0 || !out.contains("edited")) {
            throw new AssertionError("the other process failed: " + out);
        }
    }
}
