package dev.flashsale.sale;

import java.time.Instant;
import java.util.List;

/** The active flash-sale listing as of one instant. */
public record ActiveSales(Instant asOf, List<ActiveSale> sales) {
    public ActiveSales {
        sales = List.copyOf(sales);
    }
}
