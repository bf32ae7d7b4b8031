package dev.flashsale.console.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CampaignPlan;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.testing.TypedInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** The new-campaign form's live checks and how it takes the store's preview, without a window. */
class CampaignFormModelTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2027-03-20T10:00:00Z");
    private final Product shoes = new Product(1, "SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10, 1);

    private CampaignFormModel filled() {
        CampaignFormModel f = new CampaignFormModel(BERLIN, NOW);
        f.name.set("Spring");
        f.amount.set("20");
        f.skus.set("SPO-001");
        return f;
    }

    @Test
    void itStartsAtTheNextFullHourForThreeDaysAndSaysWhatIsMissingFirst() {
        CampaignFormModel f = new CampaignFormModel(BERLIN, NOW);
        assertEquals(LocalDate.of(2027, 3, 20), f.startDate.get());
        assertEquals("12:00", f.startTime.get(), "11:00 in Berlin is 10:00 UTC; the next full hour");
        assertEquals(LocalDate.of(2027, 3, 23), f.endDate.get());
        assertEquals("Name is required.", f.errorProperty().get());
        assertFalse(f.validProperty().get());
        f.name.set("Spring");
        assertEquals("Percent off is required, like 20.", f.errorProperty().get());
        f.amount.set("20");
        assertEquals("Add products: pick them from the list or paste their SKUs.", f.errorProperty().get());
        f.skus.set(" SPO-001,SPO-002\n\nSPO-001 ; HOM-001 ");
        assertEquals(List.of("SPO-001", "SPO-002", "HOM-001"), f.skuList(), "pasted lists: any separator, each once");
        assertEquals("", f.errorProperty().get(), "nothing typed is wrong");
        assertFalse(f.validProperty().get(), "but Create waits for the store's preview");
        assertEquals("Checking with the store…", f.summaryProperty().get());
        assertNotNull(f.draft());
    }

    @Test
    void anEditShowsTheCampaignAsStoredAndMaySaveOnlyAChange() {
        Instant start = Instant.parse("2027-03-18T08:00:00Z"); // started two days ago: its window is not checked
        Campaign k = new Campaign(7, "Spring", start, start.plusSeconds(7 * 86_400), BERLIN,
                CampaignRule.amountOff("5").endingIn(".99"), null, start, start, 3);
        CampaignFormModel f = CampaignFormModel.editing(BERLIN, new CampaignAdmin.Current(k, List.of("SPO-001", "SPO-002")));
        assertEquals("Spring", f.name.get());
        assertEquals(CampaignRule.Kind.AMOUNT_OFF, f.kind.get());
        assertEquals("5.00", f.amount.get());
        assertEquals(".99", f.ending.get());
        assertEquals("SPO-001\nSPO-002", f.skus.get());
        assertEquals(LocalDate.of(2027, 3, 18), f.startDate.get());
        assertEquals("", f.errorProperty().get(), "a window that has started is no mistake in an edit");
        assertEquals(k, f.editing());

        CampaignPlan plan = CampaignPlan.price(List.of(shoes), CampaignRule.amountOff("5").endingIn(".99"));
        f.showPreview(f.edit(), new CampaignAdmin.Preview(plan, List.of(), new CampaignAdmin.Changes(0, 0, 0)));
        assertFalse(f.validProperty().get(), "nothing to save");
        assertTrue(f.summaryProperty().get().startsWith("Nothing changes yet."), f.summaryProperty().get());

        f.skus.set("SPO-001");
        f.showPreview(f.edit(), new CampaignAdmin.Preview(plan, List.of(), new CampaignAdmin.Changes(0, 1, 0)));
        assertTrue(f.validProperty().get());
        assertEquals("0 added, 1 removed, 0 new prices. 1 product; discount 4.97 % to 4.97 %, average 4.97 %",
                f.summaryProperty().get());
    }

    @Test
    void aPreviewOfTheValuesShownDecidesWhetherItMayBeCreated() {
        CampaignFormModel f = filled();
        long edit = f.edit();
        CampaignPlan plan = CampaignPlan.price(List.of(shoes), CampaignRule.percentOff("20"));
        f.showPreview(edit, new CampaignAdmin.Preview(plan, List.of(), new CampaignAdmin.Changes(1, 0, 0)));
        assertTrue(f.validProperty().get());
        assertEquals("1 product; discount 20 % to 20 %, average 20 %", f.summaryProperty().get());
        assertEquals(plan, f.planProperty().get());

        f.amount.set("25"); // the preview no longer answers for the form
        assertFalse(f.validProperty().get());
        assertNull(f.planProperty().get());
        f.showPreview(edit, new CampaignAdmin.Preview(plan, List.of(), new CampaignAdmin.Changes(1, 0, 0)));
        assertFalse(f.validProperty().get(), "a late answer about the old values is ignored");

        f.showPreview(f.edit(), new CampaignAdmin.Preview(plan.withRefused(List.of(new CampaignPlan.Refusal("NOPE",
                "no product with this SKU"))), List.of(new FieldError("products", "NOPE: no product with this SKU"),
                new FieldError("name", "a campaign named \"Spring\" exists already")), new CampaignAdmin.Changes(1, 0, 0)));
        assertFalse(f.validProperty().get());
        assertEquals("2 things stop it: NOPE: no product with this SKU. (all listed below)", f.errorProperty().get());
        assertEquals(List.of("NOPE: no product with this SKU", "a campaign named \"Spring\" exists already"),
                f.problemsProperty().get());
    }

    @Test
    void picksAddToThePastedSkusOnce() {
        CampaignFormModel f = filled();
        f.add(List.of(shoes, new Product(2, "HOM-001", "Espresso Machine", new BigDecimal("349.00"), 1, 1)));
        assertEquals("SPO-001\nHOM-001", f.skus.get());
    }

    /** Every prefix of a value typed into the rule's fields gives a message or a rule; none throws. */
    @Test
    void anyTextInTheRuleFieldsGivesAMessageOrARule() {
        qt().withExamples(2000).forAll(TypedInput.into("20", "12.5", "5.00", "9.99", "-1", "1e3", "0.999"),
                TypedInput.into(".99", "0.95", "99", ""), integersUpTo(2)).checkAssert((amount, ending, k) -> {
            CampaignFormModel f = filled();
            f.kind.set(CampaignRule.Kind.values()[k]);
            f.amount.set(amount);
            f.ending.set(ending);
            String rule = f.fieldError("rule");
            if (rule == null) {
                assertNotNull(f.rule());
                assertNotNull(f.draft());
            } else {
                assertTrue(rule.endsWith(".") && Character.isUpperCase(rule.charAt(0)), rule);
                assertNull(f.draft());
            }
        });
    }

    private static Gen<Integer> integersUpTo(int max) {
        return SourceDSL.integers().between(0, max);
    }
}
