package dev.flashsale.console.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.testing.TypedInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How far to move a campaign, as people type it. */
class ShiftTest {

    private static String shift(String text) {
        Shift.Typed t = Shift.parse(text);
        return t.ok() ? t.days() + " " + t.time() : t.problem();
    }

    @Test
    void theFormsPeopleType() {
        assertEquals("P0D PT1H", shift("1h"));
        assertEquals("P0D PT-30M", shift(" -30m "));
        assertEquals("P2D PT3H", shift("+2d 3h"), "days are calendar days, apart from the hours");
        assertEquals("P0D PT1H30M", shift("90 min"));
        assertEquals("P-1D PT-2H", shift("-P1DT2H"));
        assertEquals("P0D PT1H", shift("pt1h"));
        assertEquals("Say how far to move it, like 1h, -30m, 2d 3h or PT1H.", shift(""));
        assertEquals("'1x' is not a duration like 1h, -30m, 2d 3h or PT1H.", shift("1x"));
        assertEquals("'P' is not a duration like 1h, -30m, 2d 3h or PT1H.", shift("P"));
        assertEquals("Put the minus sign in front: -PT30M, not PT-30M.", shift("PT-30M"));
        assertEquals("A shift of nothing moves nothing.", shift("0h"));
        assertEquals("A shift of more than a year is not a shift; create the campaign anew.", shift("400d"));
        assertEquals("1 d 2 h 30 min later", Shift.describe(Shift.parse("1d 150m")));
        assertEquals("30 min earlier", Shift.describe(Shift.parse("-30m")));
    }

    /** Every prefix of what people type, and any text, gives a shift or a sentence; nothing throws. */
    @Test
    void anyTextGivesAShiftOrASentence() {
        qt().withExamples(3000).forAll(TypedInput.into("2d 3h", "-30m", "+90 min", "PT1H", "-PT30M", "1 day 2 hours"))
                .checkAssert(text -> {
                    Shift.Typed t = Shift.parse(text);
                    if (!t.ok()) {
                        assertNotNull(t.problem());
                        assertTrue(t.problem().endsWith("."), t.problem());
                    } else {
                        Duration span = Duration.ofDays(Math.abs(t.days().getDays())).plus(t.time().abs());
                        assertTrue(!span.isZero() && span.compareTo(Duration.ofDays(366)) <= 0, text);
                        assertTrue(t.days().getDays() * (long) t.time().getSeconds() >= 0, "one direction: " + text);
                        assertNull(t.problem());
                    }
                });
    }
}
