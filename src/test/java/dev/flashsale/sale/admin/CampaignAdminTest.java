package dev.flashsale.sale.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.EditConflictException;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Campaigns on both stores: saved all or nothing with every reason, shifted and cancelled as one. */
class CampaignAdminTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private final TestClock time = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final Instant friday = Instant.parse("2026-11-27T08:00:00Z"); // 09:00 in Berlin
    private Database db;
    private TtlCache<Object> cache;
    private CatalogAdmin admin;
    private CampaignAdmin campaigns;
    private Product shoes;
    private Product mat;
    private Product socks;

    private void open(Dialect kind) {
        db = TestStore.create(kind, dir, "store.db").open();
        cache = TtlCache.builder().ticker(time.ticker()).wallClock(time).build();
        Invalidator invalidator = new Invalidator(db, cache, time, "test");
        admin = new CatalogAdmin(db, invalidator, time);
        campaigns = new CampaignAdmin(db, invalidator, time);
        shoes = admin.createProduct("SPO-001", "Trail Running Shoes", new BigDecimal("119.95"), 10);
        mat = admin.createProduct("SPO-002", "Yoga Mat", new BigDecimal("39.90"), 5);
        socks = admin.createProduct("SPO-003", "Socks", new BigDecimal("4.00"), 5);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private CampaignAdmin.Draft blackFriday(CampaignRule rule, String... skus) {
        return new CampaignAdmin.Draft("Black Friday", friday, friday.plus(Duration.ofDays(3)), BERLIN, rule,
                List.of(skus));
    }

    private Map<Long, FlashSale> salesByProduct() {
        return admin.sales().stream().collect(Collectors.toMap(FlashSale::productId, Function.identity()));
    }

    @OnBothStores
    void aCampaignIsSavedAsOneSalePerProductAtItsPrice(Dialect store) {
        open(store);
        cache.put(CatalogKeys.price(shoes.id()), "stale");
        Campaign k = campaigns.create(blackFriday(CampaignRule.percentOff("20").endingIn(".99"),
                "SPO-001", " SPO-002 ", "SPO-001", ""));
        assertEquals("Black Friday", k.name());
        Map<Long, FlashSale> sales = salesByProduct();
        assertEquals(2, sales.size(), "each product once: a repeated SKU and a blank line are no products");
        assertEquals(new BigDecimal("94.99"), sales.get(shoes.id()).flashPrice(), "119.95 - 20 % = 95.96 -> 94.99");
        assertEquals(new BigDecimal("30.99"), sales.get(mat.id()).flashPrice(), "39.90 - 20 % = 31.92 -> 30.99");
        assertEquals(friday, sales.get(shoes.id()).startsAt());
        assertEquals(friday.plus(Duration.ofDays(3)), sales.get(mat.id()).endsAt());
        assertEquals(null, cache.get(CatalogKeys.price(shoes.id())), "the storefront's copy is dropped");

        CampaignRepositoryView listed = new CampaignRepositoryView(campaigns);
        assertEquals("Black Friday SCHEDULED 2 sales Europe/Berlin 20 % off, ending in .99", listed.line(0, time.instant()));
    }

    @OnBothStores
    void aCampaignThatCannotBeSavedWhollyIsNotSavedAtAllAndSaysEveryReason(Dialect store) {
        open(store);
        FlashSale existing = admin.createSale(mat.id(), new BigDecimal("29.90"), friday.plus(Duration.ofDays(1)),
                friday.plus(Duration.ofDays(2)));
        ValidationException e = assertThrows(ValidationException.class, () -> campaigns.create(
                blackFriday(CampaignRule.amountOff("5"), "SPO-001", "SPO-002", "SPO-003", "NOPE-9")));
        assertEquals(List.of(
                "NOPE-9: no product with this SKU",
                "SPO-003: the price would reach 0.00 (regular 4.00, 5.00 off)",
                "SPO-002: overlaps sale #" + existing.id() + " of \"Yoga Mat\" (Sat 28 Nov 2026 09:00 to Sun 29 Nov 2026"
                        + " 09:00 Europe/Berlin)"),
                e.errors().stream().map(FieldError::message).toList());
        assertEquals(List.of(existing), admin.sales(), "nothing written");
        assertTrue(campaigns.list().isEmpty());

        CampaignAdmin.Preview preview = campaigns.preview(blackFriday(CampaignRule.amountOff("5"), "SPO-001", "SPO-002"));
        assertFalse(preview.ok());
        assertEquals(2, preview.plan().items().size(), "the preview prices what it can");
        assertEquals(new BigDecimal("4.17"), preview.plan().lowestDiscount().orElseThrow(), "5 off 119.95");
    }

    @OnBothStores
    void theNameTheWindowAndTheRuleAreChecked(Dialect store) {
        open(store);
        campaigns.create(blackFriday(CampaignRule.price("9.99"), "SPO-002"));
        ValidationException twice = assertThrows(ValidationException.class,
                () -> campaigns.create(blackFriday(CampaignRule.price("9.99"), "SPO-001")));
        assertEquals("a campaign named \"Black Friday\" exists already", twice.getMessage());
        ValidationException over = assertThrows(ValidationException.class, () -> campaigns.create(
                new CampaignAdmin.Draft("Old", friday.minus(Duration.ofDays(30)), friday.minus(Duration.ofDays(29)),
                        BERLIN, CampaignRule.price("9.99"), List.of("SPO-001"))));
        assertEquals("the campaign would already be over: end must be in the future", over.getMessage());
        ValidationException none = assertThrows(ValidationException.class, () -> campaigns.create(
                new CampaignAdmin.Draft("Empty", friday, friday.plusSeconds(3600), BERLIN, CampaignRule.price("9.99"),
                        List.of())));
        assertEquals("a campaign needs at least one product", none.getMessage());
    }

    @OnBothStores
    void shiftingMovesTheWindowAndEverySaleUnlessOneWouldOverlap(Dialect store) {
        open(store);
        campaigns.create(blackFriday(CampaignRule.percentOff("10"), "SPO-001", "SPO-002"));
        Campaign moved = campaigns.shift("Black Friday", Duration.ofHours(-1));
        assertEquals(friday.minus(Duration.ofHours(1)), moved.startsAt());
        assertEquals(2, moved.version());
        for (FlashSale s : admin.sales()) {
            assertEquals(friday.minus(Duration.ofHours(1)), s.startsAt());
            assertEquals(2, s.version(), "each sale was updated, versioned");
        }
        Instant end = moved.endsAt();
        FlashSale after = admin.createSale(shoes.id(), new BigDecimal("99.00"), end.plus(Duration.ofMinutes(30)),
                end.plus(Duration.ofHours(5)));
        ValidationException e = assertThrows(ValidationException.class,
                () -> campaigns.shift("Black Friday", Duration.ofHours(1)));
        assertEquals("SPO-001: the moved sale would overlap sale #" + after.id() + " (Mon 30 Nov 2026 08:30 to Mon 30 Nov"
                + " 2026 13:00 Europe/Berlin)", e.getMessage(), "in the zone the campaign was typed in");
        assertEquals(friday.minus(Duration.ofHours(1)), admin.sales().stream().filter(s -> s.productId() == mat.id()).findFirst()
                .orElseThrow().startsAt(), "nothing moved");
        assertEquals(moved, campaigns.find("Black Friday").orElseThrow());
    }

    /** "A day later" keeps 09:00 at 09:00 across the spring change (23 hours); 24 hours do not. */
    @OnBothStores
    void aShiftByDaysKeepsTheWallClockTimeAcrossADaylightSavingChange(Dialect store) {
        open(store);
        time.setWall(Instant.parse("2027-03-20T12:00:00Z"));
        Instant saturdayNine = Instant.parse("2027-03-27T08:00:00Z"); // 09:00 CET
        campaigns.create(new CampaignAdmin.Draft("Spring", saturdayNine, saturdayNine.plus(Duration.ofHours(10)), BERLIN,
                CampaignRule.percentOff("10"), List.of("SPO-001")));
        Campaign byDay = campaigns.shift("Spring", CampaignAdmin.ANY_VERSION, Period.ofDays(1), Duration.ZERO);
        assertEquals(Instant.parse("2027-03-28T07:00:00Z"), byDay.startsAt(), "Sunday 09:00 CEST");
        assertEquals("09:00", byDay.startsAt().atZone(BERLIN).toLocalTime().toString());
        assertEquals(byDay.startsAt(), admin.sales().get(0).startsAt(), "its sale moved alike");
        Campaign byHours = campaigns.shift("Spring", Duration.ofHours(-24)); // back across the change
        assertEquals("08:00", byHours.startsAt().atZone(BERLIN).toLocalTime().toString(), "24 h are 24 h: Saturday 08:00 CET");
    }

    @OnBothStores
    void cancellingDeletesTheSalesThatHaveNotEndedAndKeepsTheCampaign(Dialect store) {
        open(store);
        campaigns.create(blackFriday(CampaignRule.percentOff("10"), "SPO-001", "SPO-002"));
        time.setWall(friday.plus(Duration.ofHours(1))); // running
        Campaign cancelled = campaigns.cancel("Black Friday");
        assertEquals(Campaign.Status.CANCELLED, cancelled.statusAt(time.instant()));
        assertTrue(admin.sales().isEmpty());
        assertEquals("campaign \"Black Friday\" was cancelled at " + time.instant(),
                assertThrows(ValidationException.class, () -> campaigns.cancel("Black Friday")).getMessage());
        assertEquals("no campaign named \"Cyber Monday\"",
                assertThrows(ValidationException.class, () -> campaigns.shift("Cyber Monday", Duration.ofHours(1)))
                        .getMessage());
        assertEquals(1, campaigns.list().size(), "kept, as a record");
    }

    @OnBothStores
    void anEditChangesTheRuleAddsAndRemovesProductsAsOne(Dialect store) {
        open(store);
        Product kettle = admin.createProduct("SPO-004", "Kettle", new BigDecimal("50.00"), 5);
        campaigns.create(blackFriday(CampaignRule.percentOff("10"), "SPO-001", "SPO-002", "SPO-003"));
        time.setWall(friday.plus(Duration.ofHours(1))); // running: an edit works on a live campaign too
        for (long id : List.of(shoes.id(), mat.id(), socks.id(), kettle.id())) {
            cache.put(CatalogKeys.price(id), "stale");
        }
        CampaignAdmin.Current before = campaigns.current("Black Friday").orElseThrow();
        assertEquals(List.of("SPO-001", "SPO-002", "SPO-003"), before.skus());

        List<String> skus = List.of("SPO-001", "SPO-002", "SPO-004"); // socks out, kettle in
        CampaignAdmin.Preview preview = campaigns.previewEdit("Black Friday", CampaignRule.percentOff("20"), skus);
        assertTrue(preview.ok(), preview.problems().toString());
        assertEquals(new CampaignAdmin.Changes(1, 1, 2), preview.changes());
        assertEquals(3, salesByProduct().size(), "a preview writes nothing");

        Campaign edited = campaigns.edit("Black Friday", before.campaign().version(), CampaignRule.percentOff("20"), skus);
        assertEquals("20 % off", edited.rule().describe());
        assertEquals(2, edited.version());
        Map<Long, FlashSale> sales = salesByProduct();
        assertEquals(java.util.Set.of(shoes.id(), mat.id(), kettle.id()), sales.keySet());
        assertEquals(new BigDecimal("95.96"), sales.get(shoes.id()).flashPrice());
        assertEquals(new BigDecimal("40.00"), sales.get(kettle.id()).flashPrice());
        assertEquals(friday, sales.get(kettle.id()).startsAt(), "a new product joins over the campaign's window");
        assertEquals(edited.id(), sales.get(kettle.id()).campaignId());
        for (long id : List.of(shoes.id(), mat.id(), socks.id(), kettle.id())) {
            assertEquals(null, cache.get(CatalogKeys.price(id)), "every product whose price changed is dropped: " + id);
        }
        assertEquals(List.of("SPO-001", "SPO-002", "SPO-004"), campaigns.current("Black Friday").orElseThrow().skus());
    }

    @OnBothStores
    void anEditOrAShiftBasedOnAnOlderVersionIsAConflictAndWritesNothing(Dialect store) {
        open(store);
        Campaign k = campaigns.create(blackFriday(CampaignRule.percentOff("10"), "SPO-001", "SPO-002"));
        campaigns.shift("Black Friday", k.version(), Period.ZERO, Duration.ofHours(1)); // the other admin
        EditConflictException stale = assertThrows(EditConflictException.class, () -> campaigns.edit("Black Friday",
                k.version(), CampaignRule.percentOff("50"), List.of("SPO-001")));
        assertEquals("campaign", stale.kind());
        assertThrows(EditConflictException.class,
                () -> campaigns.shift("Black Friday", k.version(), Period.ZERO, Duration.ofHours(1)));
        assertThrows(EditConflictException.class, () -> campaigns.cancel("Black Friday", k.version()));
        Map<Long, FlashSale> sales = salesByProduct();
        assertEquals(2, sales.size());
        assertEquals(new BigDecimal("107.96"), sales.get(shoes.id()).flashPrice(), "nothing written");
        assertEquals(friday.plus(Duration.ofHours(1)), sales.get(shoes.id()).startsAt(), "moved once, not twice");
    }

    @OnBothStores
    void anEditThatCannotBeSavedWhollyIsRefusedWithEveryReason(Dialect store) {
        open(store);
        Campaign k = campaigns.create(blackFriday(CampaignRule.percentOff("10"), "SPO-001"));
        FlashSale existing = admin.createSale(mat.id(), new BigDecimal("29.90"), friday.plus(Duration.ofDays(1)),
                friday.plus(Duration.ofDays(2)));
        ValidationException e = assertThrows(ValidationException.class, () -> campaigns.edit("Black Friday", k.version(),
                CampaignRule.amountOff("5"), List.of("SPO-001", "SPO-002", "SPO-003", "NOPE")));
        assertEquals(List.of("NOPE: no product with this SKU",
                "SPO-003: the price would reach 0.00 (regular 4.00, 5.00 off)",
                "SPO-002: overlaps sale #" + existing.id() + " of \"Yoga Mat\" (Sat 28 Nov 2026 09:00 to Sun 29 Nov 2026"
                        + " 09:00 Europe/Berlin)"), e.errors().stream().map(FieldError::message).toList());
        assertEquals("a campaign needs at least one product", assertThrows(ValidationException.class,
                () -> campaigns.edit("Black Friday", k.version(), CampaignRule.amountOff("5"), List.of())).getMessage());
        assertEquals(new BigDecimal("107.96"), salesByProduct().get(shoes.id()).flashPrice(), "nothing written");
        assertEquals(k, campaigns.find("Black Friday").orElseThrow());
    }

    @OnBothStores
    void theCsvCarriesTheCampaignAndANewLineMayJoinOne(Dialect store) {
        open(store);
        campaigns.create(blackFriday(CampaignRule.percentOff("10"), "SPO-001"));
        StringWriter out = new StringWriter();
        admin.exportSales(out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("sku,flash_price,starts_at,ends_at,sale_id,version,campaign", lines.get(0));
        assertTrue(lines.get(1).startsWith("SPO-001,107.96,") && lines.get(1).endsWith(",1,Black Friday"), lines.get(1));
        assertEquals(new CatalogAdmin.ImportResult(0, 0, 1), admin.importSales(SaleCsv.read(new StringReader(
                out.toString()))), "the export comes back unchanged");

        String join = "sku,flash_price,starts_at,ends_at,campaign\n"
                + "SPO-002,29.90," + friday + "," + friday.plus(Duration.ofDays(1)) + ",Black Friday\n";
        assertEquals(1, admin.importSales(SaleCsv.read(new StringReader(join))).created());
        assertEquals(2, campaigns.list().get(0).sales(), "the new sale joined the campaign");
        campaigns.shift("Black Friday", Duration.ofHours(1));
        assertTrue(admin.sales().stream().allMatch(s -> s.startsAt().equals(friday.plus(Duration.ofHours(1)))),
                "a shift moves the sale that joined by import too");

        campaigns.create(new CampaignAdmin.Draft("Cyber Monday", friday.plus(Duration.ofDays(5)),
                friday.plus(Duration.ofDays(6)), BERLIN, CampaignRule.percentOff("5"), List.of("SPO-003")));
        FlashSale shoesSale = admin.sales().stream().filter(s -> s.productId() == shoes.id()).findFirst().orElseThrow();
        String wrong = "sku,flash_price,starts_at,ends_at,sale_id,version,campaign\n"
                + "SPO-002,29.90," + friday.plus(Duration.ofDays(10)) + "," + friday.plus(Duration.ofDays(11)) + ",,,Nope\n"
                + "SPO-001,100.00," + shoesSale.startsAt() + "," + shoesSale.endsAt() + "," + shoesSale.id() + ","
                + shoesSale.version() + ",Cyber Monday\n";
        ValidationException e = assertThrows(ValidationException.class,
                () -> admin.importSales(SaleCsv.read(new StringReader(wrong))));
        assertEquals(List.of("line 2: no campaign named \"Nope\"",
                "line 3: sale #" + shoesSale.id() + " is not in campaign \"Cyber Monday\"; an import does not move a"
                        + " sale between campaigns (empty the cell to leave it as it is)"),
                e.errors().stream().map(FieldError::message).toList());
    }

    /** The list as the command line prints it, for assertions. */
    private record CampaignRepositoryView(CampaignAdmin campaigns) {
        String line(int i, Instant now) {
            var c = campaigns.list().get(i);
            return c.campaign().name() + " " + c.campaign().statusAt(now) + " " + c.sales() + " sales "
                    + c.campaign().zone() + " " + c.campaign().rule().describe();
        }
    }
}
