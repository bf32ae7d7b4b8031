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

    @Test
    void theFormsPeopleType() {
        assertEquals(Duration.ofHours(1), Shift.parse("1h").by());
        assertEquals(Duration.ofMinutes(-30), Shift.parse(" -30m ").by());
        assertEquals(Duration.ofDays(2).plusHours(3), Shift.parse("+2d 3h").by());
        assertEquals(Duration.ofMinutes(90), Shift.parse("90 min").by());
        assertEquals(Duration.ofHours(-1), Shift.parse("-PT1H").by());
        assertEquals(Duration.ofHours(1), Shift.parse("pt1h").by());
        assertEquals("Say how far to move it, like 1h, -30m, 2d 3h or PT1H.", Shift.parse("").problem());
        assertEquals("'1x' is not a duration like 1h, -30m, 2d 3h or PT1H.", Shift.parse("1x").problem());
        assertEquals("A shift of nothing moves nothing.", Shift.parse("0h").problem());
        assertEquals("A shift of more than a year is not a shift; create the campaign anew.", Shift.parse("400d").problem());
        assertEquals("1 d 2 h 30 min later", Shift.describe(Duration.ofMinutes(24 * 60 + 150)));
        assertEquals("30 min earlier", Shift.describe(Duration.ofMinutes(-30)));
    }

    /** Every prefix of what people type, and any text, gives a shift or a sentence; nothing throws. */
    @Test
    void anyTextGivesAShiftOrASentence() {
        qt().withExamples(3000).forAll(TypedInput.into("2d 3h", "-30m", "+90 min", "PT1H", "-PT30M", "1 day 2 hours"))
                .checkAssert(text -> {
                    Shift.Typed t = Shift.parse(text);
                    if (t.by() == null) {
                        assertNotNull(t.problem());
                        assertTrue(t.problem().endsWith("."), t.problem());
                    } else {
                        assertNull(t.problem());
                        assertTrue(!t.by().isZero() && t.by().abs().compareTo(Duration.ofDays(366)) <= 0, text);
                    }
                });
    }
}
