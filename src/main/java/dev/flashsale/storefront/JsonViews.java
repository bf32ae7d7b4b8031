package dev.flashsale.storefront;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flashsale.sale.ActiveSale;
import dev.flashsale.sale.ActiveSales;
import dev.flashsale.sale.FlashStatus;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.PriceQuote;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The HTTP contract's JSON shapes: times ISO-8601 UTC, prices as decimal strings. */
final class JsonViews {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    record SaleJson(long saleId, long productId, String productName, String regularPrice, String flashPrice,
                    String startsAt, String endsAt) {
    }

    record ListingJson(String asOf, List<SaleJson> sales) {
    }

    /** A page of the listing: {@code next} is the sale id to pass as {@code after} for the next page, or null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ListingPageJson(String asOf, List<SaleJson> sales, Long next) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PriceJson(long productId, String price, String regularPrice, boolean flashSale, Long saleId, String asOf) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StatusJson(long productId, String status, Long saleId, String startsAt, String endsAt) {
    }

    private JsonViews() {
    }

    static byte[] listing(ActiveSales listing) {
        return bytes(new ListingJson(iso(listing.asOf()), listing.sales().stream().map(JsonViews::sale).toList()));
    }

    static byte[] listingPage(Instant asOf, List<ActiveSale> sales, Long next) {
        return bytes(new ListingPageJson(iso(asOf), sales.stream().map(JsonViews::sale).toList(), next));
    }

    private static SaleJson sale(ActiveSale s) {
        return new SaleJson(s.saleId(), s.productId(), s.productName(), Money.format(s.regularPrice()),
                Money.format(s.flashPrice()), iso(s.startsAt()), iso(s.endsAt()));
    }

    static byte[] price(PriceQuote q) {
        return bytes(new PriceJson(q.productId(), Money.format(q.price()), Money.format(q.regularPrice()),
                q.flashSale(), q.saleId(), iso(q.asOf())));
    }

    static byte[] status(FlashStatus s) {
        return bytes(new StatusJson(s.productId(), s.status(), s.saleId(), iso(s.startsAt()), iso(s.endsAt())));
    }

    static byte[] error(String message) {
        return bytes(Map.of("error", message));
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
