package dev.flashsale.console.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wall-clock times that do not exist or happen twice, in a fixed zone with a fixed clock. */
class DaylightSavingFormTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2027-03-20T10:00:00Z");
    private final Product shoes = new Product(1, "SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10, 1);

    private SaleFormModel form(LocalDate day, String start, String end) {
        SaleFormModel f = new SaleFormModel(BERLIN, null, null, NOW);
        f.product.set(shoes);
        f.flashPrice.set("79.95");
        f.startDate.set(day);
        f.endDate.set(day);
        f.startTime.set(start);
        f.endTime.set(end);
        return f;
    }

    @Test
    void aStartInTheSpringForwardGapIsMovedAndSaidSo() {
        SaleFormModel f = form(LocalDate.of(2027, 3, 28), "02:30", "06:00");
        assertEquals("02:30 does not exist on 28 Mar 2027 in Europe/Berlin (clocks go forward at 02:00); the sale would"
                + " start at 03:30 CEST.", f.startNoteProperty().get());
        assertEquals(Instant.parse("2027-03-28T01:30:00Z"), f.startsAt(), "03:30 CEST");
        assertTrue(f.validProperty().get(), "a note, not an error: the admin may keep it");
        assertEquals(List.of(), f.startOffsets(), "nothing to choose in a gap");
        assertEquals("", f.endNoteProperty().get());

        f.startTime.set("01:30");
        assertEquals("", f.startNoteProperty().get(), "the note goes when the time exists");
    }

    @Test
    void anEndInTheGapSaysWhenTheSaleWouldEnd() {
        SaleFormModel f = form(LocalDate.of(2027, 3, 28), "00:00", "02:15");
        assertEquals("02:15 does not exist on 28 Mar 2027 in Europe/Berlin (clocks go forward at 02:00); the sale would"
                + " end at 03:15 CEST.", f.endNoteProperty().get());
        assertEquals(Instant.parse("2027-03-28T01:15:00Z"), f.endsAt());
    }

    @Test
    void aTimeThatHappensTwiceOffersBothOffsetsAndTakesTheChosenOne() {
        SaleFormModel f = form(LocalDate.of(2027, 10, 31), "02:30", "05:00");
        assertEquals(List.of(ZoneOffset.ofHours(2), ZoneOffset.ofHours(1)), f.startOffsets());
        assertEquals("02:30 happens twice on 31 Oct 2027 in Europe/Berlin (clocks go back): choose CEST (the first,"
                + " +02:00) or CET (the second, +01:00).", f.startNoteProperty().get());
        assertEquals(Instant.parse("2027-10-31T00:30:00Z"), f.startsAt(), "the first 02:30 unless told otherwise");
        f.startOffset.set(ZoneOffset.ofHours(1));
        assertEquals(Instant.parse("2027-10-31T01:30:00Z"), f.startsAt(), "the second 02:30, one hour later");
        assertTrue(f.validProperty().get());

        f.endTime.set("02:45");
        f.endOffset.set(ZoneOffset.ofHours(2));
        assertEquals("End must be after start.", f.errorProperty().get(),
                "02:45 CEST comes before 02:30 CET, and the form knows it");
        f.endOffset.set(ZoneOffset.ofHours(1));
        assertEquals("", f.errorProperty().get(), "02:30 CET to 02:45 CET is a valid quarter of an hour");
    }

    @Test
    void editingASaleInTheSecondOfTwoHoursKeepsItsOffset() {
        var sale = new FlashSale(7, 1, new BigDecimal("79.95"), Instant.parse("2027-10-31T01:30:00Z"),
                Instant.parse("2027-10-31T04:00:00Z"), NOW, NOW, 1);
        SaleFormModel f = new SaleFormModel(BERLIN, sale, shoes, NOW);
        assertEquals("02:30", f.startTime.get());
        assertEquals(ZoneOffset.ofHours(1), f.startOffset.get());
        assertEquals(sale.startsAt(), f.startsAt(), "opening and saving the form unchanged does not move the sale");
    }
}
