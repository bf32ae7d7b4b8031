package dev.flashsale.app;

import dev.flashsale.app.Subcommands.ClusterOptions;
import dev.flashsale.app.Subcommands.Context;
import dev.flashsale.app.Subcommands.DbOption;
import dev.flashsale.app.Subcommands.Exit;
import dev.flashsale.app.Subcommands.Tool;
import dev.flashsale.sale.Campaign;
import dev.flashsale.sale.CampaignPlan;
import dev.flashsale.sale.CampaignRule;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.CampaignAdmin;
import dev.flashsale.store.StoreRole;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code campaigns list|create|shift|cancel}: sales events from the command line, as one thing each. */
final class CampaignCommands {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** An ISO-8601 shift: days on the campaign zone's calendar (09:00 stays 09:00), then exact time. */
    private static final Pattern ISO_SHIFT = Pattern.compile("([+-]?)P(?:(\\d{1,6})D)?(?:T(.+))?");

    private CampaignCommands() {
    }

    @Command(name = "campaigns", description = "List, create, shift or cancel campaigns: many products' sales as one event.",
            subcommands = {ListCampaigns.class, Create.class, Shift.class, Cancel.class}, mixinStandardHelpOptions = true)
    static final class Campaigns {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every campaign: name, window (in its zone), product count, status, rule.")
    static final class ListCampaigns extends DbOption implements Tool {
        @Override
        public int run(Context ctx) {
            try (Wiring.Commands c = parts(ctx)) {
                List<Campaign.Listed> all = c.campaigns().list();
                Instant now = ctx.clock().instant();
                ctx.out().printf("%-24s  %-10s  %8s  %-16s  %-16s  %-18s  %s%n", "NAME", "STATUS", "PRODUCTS", "STARTS",
                        "ENDS", "ZONE", "RULE");
                for (Campaign.Listed k : all) {
                    Campaign m = k.campaign();
                    ctx.out().printf("%-24s  %-10s  %8d  %-16s  %-16s  %-18s  %s%n", m.name(), m.statusAt(now), k.sales(),
                            LOCAL.format(m.startsAt().atZone(m.zone())), LOCAL.format(m.endsAt().atZone(m.zone())),
                            m.zone().getId(), m.rule().describe());
                }
                ctx.out().println(all.size() + " campaign" + (all.size() == 1 ? "" : "s"));
            }
            return Subcommands.OK;
        }
    }

    /** Exactly one price rule. */
    static final class RuleOptions {
        @Option(names = "--percent-off", paramLabel = "P", description = "P % off each regular price (e.g. 20)")
        String percentOff;
        @Option(names = "--amount-off", paramLabel = "A", description = "A off each regular price (e.g. 5.00)")
        String amountOff;
        @Option(names = "--price", paramLabel = "X", description = "one flash price for every product (e.g. 9.99)")
        String price;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a campaign over the products named by SKU, all or nothing: every reason it cannot is listed.")
    static final class Create extends ClusterOptions implements Tool {
        @Override
        StoreRole needs() {
            return dryRun ? StoreRole.VIEWER : StoreRole.ADMIN; // a dry run only reads
        }

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "unique, e.g. \"Black Friday\"")
        String name;
        @Option(names = "--starts", required = true, paramLabel = "T",
                description = "2026-11-27T09:00 in --zone, or with an offset (2026-11-27T09:00+01:00, ...Z)")
        String starts;
        @Option(names = "--ends", required = true, paramLabel = "T", description = "as --starts")
        String ends;
        @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
                description = "the zone times without an offset are in, e.g. Europe/Berlin (default: ${DEFAULT-VALUE})")
        String zone;
        @ArgGroup(exclusive = true, multiplicity = "1")
        RuleOptions rule;
        @Option(names = "--ending", paramLabel = "CENTS", description = "then down to a price ending in these cents, e.g. .99")
        String ending;
        @Option(names = "--dry-run", description = "show what would be saved, and every reason it could not be; write nothing")
        boolean dryRun;
        @Parameters(paramLabel = "SKU", arity = "1..*", description = "the products, by SKU")
        List<String> skus = new ArrayList<>();

        @Override
        public int run(Context ctx) {
            ZoneId z;
            try {
                z = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new Exit(Subcommands.UNUSABLE, "--zone " + zone + " is not a time zone (e.g. Europe/Berlin, UTC)");
            }
            List<String> problems = new ArrayList<>();
            Instant start = instant("--starts", starts, z, problems);
            Instant end = instant("--ends", ends, z, problems);
            CampaignRule r = null;
            try {
                r = rule.percentOff != null ? CampaignRule.percentOff(rule.percentOff)
                        : rule.amountOff != null ? CampaignRule.amountOff(rule.amountOff) : CampaignRule.price(rule.price);
                r = r.endingIn(ending);
            } catch (ValidationException e) {
                e.errors().forEach(f -> problems.add(f.message()));
            }
            if (!problems.isEmpty()) {
                return refused(ctx, problems);
            }
            CampaignAdmin.Draft draft = new CampaignAdmin.Draft(name, start, end, z, r, skus);
            try (Wiring.Commands c = parts(ctx)) {
                CampaignAdmin.Preview p = c.campaigns().preview(draft);
                printPlan(ctx, p.plan());
                if (dryRun) {
                    p.problems().forEach(f -> ctx.err().println(Main.NAME + " campaigns create: " + f.message()));
                    ctx.out().println(p.ok() ? "It can be saved (--dry-run: nothing was written)."
                            : "It could not be saved as it is (--dry-run: nothing was written).");
                    return p.ok() ? Subcommands.OK : Subcommands.REFUSED;
                }
                Campaign k = c.campaigns().create(draft);
                ctx.out().println("Created campaign \"" + k.name() + "\": " + p.plan().items().size() + " sales, "
                        + LOCAL.format(k.startsAt().atZone(z)) + " to " + LOCAL.format(k.endsAt().atZone(z)) + " "
                        + z.getId() + ", " + k.rule().describe() + "; invalidated on " + c.reach() + ".");
                return Subcommands.OK;
            } catch (ValidationException e) {
                return refused(ctx, e.errors().stream().map(FieldError::message).toList());
            }
        }

        private static void printPlan(Context ctx, CampaignPlan plan) {
            if (plan.items().isEmpty()) {
                return;
            }
            ctx.out().printf("%-16s  %10s  %10s  %8s%n", "SKU", "REGULAR", "FLASH", "OFF");
            for (CampaignPlan.Item i : plan.items()) {
                ctx.out().printf("%-16s  %10s  %10s  %7s%%%n", i.product().sku(), i.product().regularPrice().toPlainString(),
                        i.price().toPlainString(), i.discountPercent().toPlainString());
            }
            ctx.out().println(plan.items().size() + " product" + (plan.items().size() == 1 ? "" : "s") + "; discount "
                    + pct(plan.lowestDiscount().orElseThrow()) + " to " + pct(plan.highestDiscount().orElseThrow())
                    + ", average " + pct(plan.averageDiscount().orElseThrow()));
        }

        private static String pct(BigDecimal p) {
            return p.toPlainString() + " %";
        }
    }

    @Command(name = "shift", mixinStandardHelpOptions = true,
            description = "Move a campaign and every sale of it that has not ended, e.g. --by PT1H, --by -PT30M or"
                    + " --by P1D (a calendar day in the campaign's zone: 09:00 stays 09:00).")
    static final class Shift extends ClusterOptions implements Tool {
        @Override
        StoreRole needs() {
            return StoreRole.ADMIN;
        }

        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;
        @Option(names = "--by", required = true, paramLabel = "DURATION", description = "ISO-8601: PT1H, -PT30M, P1D")
        String by;

        @Override
        public int run(Context ctx) {
            Matcher m = ISO_SHIFT.matcher(by.strip().toUpperCase(Locale.ROOT));
            Period days = Period.ZERO;
            Duration time = Duration.ZERO;
            try {
                if (!m.matches() || (m.group(2) == null && m.group(3) == null)) {
                    throw new DateTimeParseException("not a shift", by, 0);
                }
                days = m.group(2) == null ? Period.ZERO : Period.ofDays(Integer.parseInt(m.group(2)));
                time = m.group(3) == null ? Duration.ZERO : Duration.parse("PT" + m.group(3));
            } catch (DateTimeParseException | NumberFormatException e) {
                return refused(ctx, List.of("--by " + by + " is not an ISO-8601 duration like PT1H, -PT30M, P1D or P1DT2H"));
            }
            if (m.group(1).equals("-")) {
                days = days.negated();
                time = time.negated();
            }
            if (days.isZero() && time.isZero()) {
                return refused(ctx, List.of("--by " + by + " moves nothing"));
            }
            try (Wiring.Commands c = parts(ctx)) {
                Campaign k = c.campaigns().shift(name, CampaignAdmin.ANY_VERSION, days, time);
                ctx.out().println("Moved campaign \"" + k.name() + "\" by " + by.strip() + ": now " + LOCAL.format(
                        k.startsAt().atZone(k.zone())) + " to " + LOCAL.format(k.endsAt().atZone(k.zone())) + " "
                        + k.zone().getId() + "; invalidated on " + c.reach() + ".");
                return Subcommands.OK;
            } catch (ValidationException e) {
                return refused(ctx, e.errors().stream().map(FieldError::message).toList());
            }
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a campaign: its sales that have not ended are deleted; ended ones stay as history.")
    static final class Cancel extends ClusterOptions implements Tool {
        @Override
        StoreRole needs() {
            return StoreRole.ADMIN;
        }

        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Override
        public int run(Context ctx) {
            try (Wiring.Commands c = parts(ctx)) {
                Campaign k = c.campaigns().cancel(name);
                ctx.out().println("Cancelled campaign \"" + k.name() + "\"; invalidated on " + c.reach() + ".");
                return Subcommands.OK;
            } catch (ValidationException e) {
                return refused(ctx, e.errors().stream().map(FieldError::message).toList());
            }
        }
    }

    private static int refused(Context ctx, List<String> problems) {
        problems.forEach(p -> ctx.err().println(Main.NAME + " campaigns: " + p));
        ctx.err().println("Nothing was written.");
        return Subcommands.REFUSED;
    }

    /**
     * A time as typed: with an offset, that instant; without, a wall-clock time in {@code zone},
     * refused when the zone skips it or has it twice (no silent guesses, as in the sale form).
     */
    static Instant instant(String option, String text, ZoneId zone, List<String> problems) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: a wall-clock time in the zone
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            problems.add(option + " " + text + " is not a time like 2026-11-27T09:00 (in --zone) or 2026-11-27T09:00+01:00");
            return null;
        }
        List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
        if (valid.size() == 1) {
            return local.atOffset(valid.get(0)).toInstant();
        }
        if (valid.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            problems.add(option + " " + text + " does not exist in " + zone.getId() + " (clocks go forward from "
                    + gap.getDateTimeBefore().toLocalTime() + " to " + gap.getDateTimeAfter().toLocalTime()
                    + " that day); give another time");
        } else {
            problems.add(option + " " + text + " happens twice in " + zone.getId() + " (clocks go back that day): give"
                    + " the offset, " + local + valid.get(0) + " (the first) or " + local + valid.get(1) + " (the second)");
        }
        return null;
    }
}
