package dev.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.testing.TypedInput;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyProperties {

    @Test
    void parseNeverThrowsAndReadsOnlyPlainAsciiDecimals() {
        qt().withExamples(3000).forAll(TypedInput.into("-12.50", "+0.99", "1234567.89", ".5")).checkAssert(text -> {
            BigDecimal value = Money.parse(text);
            if (value != null) {
                String t = text.strip();
                assertEquals(0, value.compareTo(new BigDecimal(t)), t);
                assertEquals(true, t.matches("[+-]?[0-9]*\\.?[0-9]*"), "only ASCII digits, a sign and a point: " + t);
            }
        });
    }

    @Test
    void aLoneSignOrPointIsNotANumber() {
        for (String s : new String[] {"-", "+", ".", "-.", "+.", "", " "}) {
            assertNull(Money.parse(s), s);
        }
        assertEquals(new BigDecimal("0.5"), Money.parse(".5"));
        assertEquals(new BigDecimal("5."), Money.parse("5."));
    }
}
