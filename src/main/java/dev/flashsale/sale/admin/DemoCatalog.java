package dev.flashsale.sale.admin;

import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.persistence.ProductRepository;
import dev.flashsale.sale.persistence.SaleRepository;
import dev.flashsale.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The small demo catalog a new database starts with: a dozen products and sales that are active,
 * scheduled and ended relative to now, so the console and storefront show something at once.
 */
public final class DemoCatalog {

    private record Item(String sku, String name, String price, int stock) {
    }

    // SKU | name | regular price | stock
    private static final List<Item> ITEMS = """
            AUD-001 | Wireless Earbuds Pro    | 129.00 | 240
            AUD-002 | Studio Headphones       | 199.00 |  85
            HOM-001 | Espresso Machine        | 349.00 |  40
            HOM-002 | Cast Iron Skillet 28 cm |  59.00 | 300
            HOM-003 | Robot Vacuum S7         | 429.00 |  25
            SPO-001 | Trail Running Shoes     | 119.95 | 150
            SPO-002 | Yoga Mat Extra Grip     |  39.90 | 500
            TEC-001 | Mechanical Keyboard     | 149.00 | 120
            TEC-002 | 4K Monitor 27"          | 379.00 |  60
            TEC-003 | USB-C Charger 100 W     |  49.99 | 800
            OUT-001 | Camping Tent 3P         | 229.00 |  35
            OUT-002 | Insulated Bottle 1 l    |  29.95 | 900
            """.lines().map(line -> line.split("\\|")).map(f -> new Item(f[0].strip(), f[1].strip(), f[2].strip(),
            Integer.parseInt(f[3].strip()))).toList();

    private DemoCatalog() {
    }

    /** Seeds an empty database in one transaction; returns the number of products written. */
    public static int seed(Database db, Clock clock) {
        ProductRepository products = new ProductRepository(db);
        SaleRepository sales = new SaleRepository(db);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return db.write(c -> {
            long[] ids = new long[ITEMS.size()];
            for (int i = 0; i < ITEMS.size(); i++) {
                Item it = ITEMS.get(i);
                ids[i] = products.insert(c, new Product(0, it.sku(), it.name(), new BigDecimal(it.price()), it.stock()), now);
            }
            // active now
            sale(sales, c, ids[0], "89.00", now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(5)), now);
            sale(sales, c, ids[2], "279.00", now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(2)), now);
            sale(sales, c, ids[5], "79.95", now.minus(Duration.ofHours(3)), now.plus(Duration.ofMinutes(45)), now);
            sale(sales, c, ids[9], "34.99", now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(26)), now);
            // scheduled
            sale(sales, c, ids[1], "149.00", now.plus(Duration.ofHours(4)), now.plus(Duration.ofHours(10)), now);
            sale(sales, c, ids[7], "109.00", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), now);
            sale(sales, c, ids[10], "179.00", now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(4)), now);
            sale(sales, c, ids[0], "79.00", now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(2).plusHours(6)), now);
            // ended
            sale(sales, c, ids[3], "39.00", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), now);
            sale(sales, c, ids[6], "24.90", now.minus(Duration.ofHours(20)), now.minus(Duration.ofHours(8)), now);
            return ITEMS.size();
        });
    }

    private static void sale(SaleRepository sales, Connection c, long productId, String price, Instant start,
                             Instant end, Instant now) throws SQLException {
        sales.insert(c, new FlashSale(0, productId, new BigDecimal(price), start, end, now, now));
    }
}
