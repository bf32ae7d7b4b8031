package dev.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A campaign's price rule and its plan: what each product would cost, and what is refused. */
class CampaignRuleTest {

    private static Product product(String sku, String regular) {
        return new Product(1, sku, "Product " + sku, new BigDecimal(regular), 1, 1);
    }

    @Test
    void eachRulePricesFromTheRegularPrice() {
        assertEquals(new BigDecimal("15.99"), CampaignRule.percentOff("20").priceFor(new BigDecimal("19.99")));
        assertEquals(new BigDecimal("6.70"), CampaignRule.percentOff("33").priceFor(new BigDecimal("10.00")));
        assertEquals(new BigDecimal("14.99"), CampaignRule.amountOff("5").priceFor(new BigDecimal("19.99")));
        assertEquals(new BigDecimal("9.99"), CampaignRule.price("9.99").priceFor(new BigDecimal("19.99")));
    }

    @Test
    void anEndingRoundsDownToThoseCents() {
        CampaignRule half = CampaignRule.percentOff("50").endingIn(".99");
        assertEquals(new BigDecimal("16.99"), half.priceFor(new BigDecimal("35.00")), "17.50 -> 16.99");
        assertEquals(new BigDecimal("17.99"), half.priceFor(new BigDecimal("35.98")), "17.99 stays");
        assertEquals(new BigDecimal("9.00"), CampaignRule.amountOff("1").endingIn("00").priceFor(new BigDecimal("10.50")));
        assertEquals(new BigDecimal("0.95"), CampaignRule.price("1.20").endingIn("0.95").priceFor(new BigDecimal("3")));
    }

    @Test
    void whatARuleCannotBeIsRefusedInWords() {
        for (String bad : List.of("0", "100", "150", "-5", "12.345")) {
            ValidationException e = assertThrows(ValidationException.class, () -> CampaignRule.percentOff(bad));
            assertTrue(e.getMessage().startsWith("percent off must be above 0 and below 100"), e.getMessage());
        }
        assertEquals("amount off must be a number like 5.00 (got '5,00x')",
                assertThrows(ValidationException.class, () -> CampaignRule.amountOff("5,00x")).getMessage());
        assertEquals("flash price must be greater than 0",
                assertThrows(ValidationException.class, () -> CampaignRule.price("0")).getMessage());
        assertEquals("a price ending must be two digits of cents, like .99 (got '.9')",
                assertThrows(ValidationException.class, () -> CampaignRule.price("5").endingIn(".9")).getMessage());
    }

    @Test
    void theStoredFormReadsBackAsTheSameRule() {
        for (CampaignRule r : List.of(CampaignRule.percentOff("20"), CampaignRule.percentOff("12.5").endingIn(".99"),
                CampaignRule.amountOff("5").endingIn("00"), CampaignRule.price("9.99"))) {
            assertEquals(r, CampaignRule.parse(r.stored()), r.stored());
        }
        assertEquals("percent-off 20", CampaignRule.percentOff("20.00").stored());
        assertEquals("amount-off 5.00 ending 0.99", CampaignRule.amountOff("5").endingIn(".99").stored());
        assertEquals("12.5 % off, ending in .99", CampaignRule.percentOff("12.5").endingIn("99").describe());
    }

    /** Whatever the rule and the regular price, a planned price is above 0 and below the regular one. */
    @Test
    void aPlannedPriceAlwaysGoesDownAndStaysAboveZero() {
        qt().withExamples(3000).forAll(integers().between(1, 99_999_99), integers().between(0, 3),
                integers().between(1, 99_999_99), integers().between(-1, 99)).checkAssert((cents, kind, v, ending) -> {
            BigDecimal regular = BigDecimal.valueOf(cents, 2);
            CampaignRule rule = switch (kind) {
                case 0 -> CampaignRule.percentOff(String.valueOf(1 + v % 99));
                case 1 -> CampaignRule.amountOff(BigDecimal.valueOf(v, 2).toPlainString());
                default -> CampaignRule.price(BigDecimal.valueOf(v, 2).toPlainString());
            };
            if (ending >= 0) {
                rule = rule.endingIn(String.format("%02d", ending));
            }
            CampaignPlan plan = CampaignPlan.price(List.of(product("P", regular.toPlainString())), rule);
            assertEquals(1, plan.items().size() + plan.refused().size());
            for (CampaignPlan.Item item : plan.items()) {
                assertTrue(item.price().signum() > 0 && item.price().compareTo(regular) < 0, rule + " " + regular);
                assertEquals(2, item.price().scale());
            }
        });
    }

    @Test
    void thePlanRefusesWhatWouldNotGoDownOrWouldReachZeroAndSumsUpTheRest() {
        CampaignPlan plan = CampaignPlan.price(List.of(product("A", "20.00"), product("B", "10.00"),
                product("CHEAP", "4.00"), product("FREE", "5.00")), CampaignRule.amountOff("5"));
        assertEquals(List.of("A", "B"), plan.items().stream().map(i -> i.product().sku()).toList());
        assertEquals(List.of(
                "CHEAP: the price would reach 0.00 (regular 4.00, 5.00 off)",
                "FREE: the price would reach 0.00 (regular 5.00, 5.00 off)"),
                plan.problems(ZoneOffset.UTC).stream().map(FieldError::message).toList());
        assertEquals(new BigDecimal("25.00"), plan.lowestDiscount().orElseThrow());
        assertEquals(new BigDecimal("50.00"), plan.highestDiscount().orElseThrow());
        assertEquals(new BigDecimal("37.50"), plan.averageDiscount().orElseThrow());
        CampaignPlan up = CampaignPlan.price(List.of(product("UP", "5.00")), CampaignRule.price("9.99"));
        assertEquals("UP: the price would not go down (regular 5.00, price 9.99: 9.99)",
                up.problems(ZoneOffset.UTC).get(0).message());
    }
}
