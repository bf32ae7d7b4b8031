package dev.flashsale.sale;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A product with all its flash sales. */
public record ProductSales(Product product, List<FlashSale> sales) {
    public ProductSales {
        sales = List.copyOf(sales);
    }

    /** The first start or end of one of these sales after {@code now}. */
    public Optional<Instant> nextBoundaryAfter(Instant now) {
        Instant next = null;
        for (FlashSale s : sales) {
            for (Instant t : new Instant[] {s.startsAt(), s.endsAt()}) {
                if (t.isAfter(now) && (next == null || t.isBefore(next))) {
                    next = t;
                }
            }
        }
        return Optional.ofNullable(next);
    }
}
