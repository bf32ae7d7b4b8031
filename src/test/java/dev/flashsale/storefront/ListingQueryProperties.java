package dev.flashsale.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.testing.TypedInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The listing's query as clients type it: every text for {@code limit} and {@code after}, every
 * prefix of a valid one, and raw query strings, give a page, the whole listing, or a message;
 * never anything else, and never a page larger than asked for.
 */
class ListingQueryProperties {

    @Test
    void anyLimit() {
        qt().withExamples(2000).forAll(TypedInput.into("1", "20", "500")).checkAssert(text -> {
            Rendered.Page page = typed("limit", text, "limit must be a whole number from 1 to 500");
            if (page != null) {
                assertTrue(page.limit() >= 1 && page.limit() <= ListingQuery.MAX_LIMIT, text);
                assertEquals(Integer.parseInt(text), page.limit(), text);
                assertEquals(0, page.after());
            }
        });
    }

    @Test
    void anyAfter() {
        qt().withExamples(2000).forAll(TypedInput.into("0", "41", "9223372036854775807")).checkAssert(text -> {
            Rendered.Page page = typed("after", text, "after ");
            if (page != null) {
                assertEquals(Long.parseLong(text), page.after(), text);
                assertTrue(page.after() >= 0);
            }
        });
    }

    /** The page {@code name=text} asks for, or null when it is refused with a message starting {@code refusal}. */
    private static Rendered.Page typed(String name, String text, String refusal) {
        try {
            return ListingQuery.parse(name + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith(refusal), e.getMessage());
            return null;
        }
    }

    @Test
    void anyRawQuery() {
        qt().withExamples(2000).forAll(TypedInput.into("limit=10&after=3", "after=7&limit=1", "_=1")).checkAssert(q -> {
            try {
                Rendered.Page page = ListingQuery.parse(q);
                if (page != null) {
                    assertTrue(page.limit() >= 1 && page.after() >= 0, q);
                }
            } catch (IllegalArgumentException e) {
                assertTrue(!e.getMessage().isBlank(), q);
            }
        });
    }

    @Test
    void examples() {
        assertNull(ListingQuery.parse(null));
        assertNull(ListingQuery.parse(""));
        assertNull(ListingQuery.parse("_=1&x"));
        assertEquals(new Rendered.Page(10, 3), ListingQuery.parse("limit=10&after=3"));
        assertEquals(new Rendered.Page(Integer.MAX_VALUE, 3), ListingQuery.parse("after=3"));
        assertEquals(new Rendered.Page(500, 0), ListingQuery.parse("limit=500"));
        assertEquals("the query is not properly %-encoded: '%zz'",
                assertThrows(IllegalArgumentException.class, () -> ListingQuery.parse("limit=%zz")).getMessage());
        assertEquals("after is given twice",
                assertThrows(IllegalArgumentException.class, () -> ListingQuery.parse("after=1&after=2")).getMessage());
    }
}
