package dev.flashsale.app;

import dev.flashsale.cache.CacheKeys;
import dev.flashsale.cluster.RedisAddress;
import dev.flashsale.cluster.RedisKeys;
import dev.flashsale.cluster.RedisLink;
import dev.flashsale.cluster.SharedEntry;
import dev.flashsale.cluster.SharedTierScan;
import dev.flashsale.sale.AuditEntry;
import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.FieldError;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.AuditRange;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.admin.CsvFiles;
import dev.flashsale.sale.admin.SaleCsv;
import dev.flashsale.store.Database;
import dev.flashsale.store.StoreAddress;
import dev.flashsale.store.StoreException;
import dev.flashsale.store.StoreRole;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The jar's commands for scripts ({@code cache ...}, {@code sales ...}), working on a database
 * and, when given, a cluster's Redis, so running nodes see the change at once. Exit codes: 0 done,
 * 1 input refused (every bad line or key listed), 2 bad options or an unusable database or Redis,
 * 3 the database does not let this login do it (its role is below the one the command needs).
 */
final class Subcommands {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int UNUSABLE = 2;
    static final int NOT_ALLOWED = 3;

    private Subcommands() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && List.of("cache", "sales", "campaigns", "audit").contains(args[0]);
    }

    /** Thrown to end a command with a one-line message and an exit code. */
    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        CommandLine cl = new CommandLine(new Root());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Context ctx = new Context(out, err, env, clock, Main.NAME);
        cl.setExecutionStrategy(parsed -> {
            CommandLine leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return OK;
            }
            Object cmd = leaf.getCommand();
            if (!(cmd instanceof Tool tool)) {
                leaf.usage(out);
                return UNUSABLE;
            }
            try {
                return tool.run(ctx.named(String.join(" ", commandPath(leaf))));
            } catch (Exit e) {
                err.println(Main.NAME + ": " + e.getMessage());
                return e.code;
            } catch (StoreException e) {
                // a grant taken away after the command checked its role: the database said no
                err.println(Main.NAME + ": " + e.getMessage());
                return e.permissionDenied() ? NOT_ALLOWED : UNUSABLE;
            }
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println(Main.NAME + " " + String.join(" ", commandPath(e.getCommandLine())) + ": "
                    + Main.oneLine(e.getMessage()) + " (see --help)");
            return UNUSABLE;
        });
        return cl.execute(args);
    }

    private static List<String> commandPath(CommandLine cl) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            names.add(0, c.getCommandName());
        }
        return names;
    }

    /** {@code command}: the command's words ("sales import"), for messages. */
    record Context(PrintStream out, PrintStream err, Map<String, String> env, Clock clock, String command) {
        Context named(String words) {
            return new Context(out, err, env, clock, words);
        }
    }

    interface Tool {
        int run(Context ctx);
    }

    @Command(name = Main.NAME, subcommands = {Cache.class, Sales.class, CampaignCommands.Campaigns.class, Audit.class},
            mixinStandardHelpOptions = true,
            versionProvider = Options.Version.class)
    static final class Root {
    }

    @Command(name = "cache", description = "Invalidate or list cached answers on every process of a database or cluster.",
            subcommands = {Invalidate.class, Clear.class, ListShared.class}, mixinStandardHelpOptions = true)
    static final class Cache {
    }

    @Command(name = "sales", description = "List, import or export flash sales.",
            subcommands = {ListSales.class, Import.class, Export.class}, mixinStandardHelpOptions = true)
    static final class Sales {
    }

    @Command(name = "audit", description = "The audit of cache invalidations: export it, and how long it is kept.",
            subcommands = {AuditExport.class, Retention.class}, mixinStandardHelpOptions = true)
    static final class Audit {
    }

    /** --db, shared by every command: never creates a store (a missing file is refused). */
    static class DbOption {
        @Mixin
        StoreOption store = new StoreOption();

        /** The role the command needs on the store: reading needs a viewer. */
        StoreRole needs() {
            return StoreRole.VIEWER;
        }

        /**
         * Opened, and allowed: a login whose role is below {@link #needs()} ends the command with
         * exit 3 before anything is written (the database would refuse the write anyway; this
         * says which role to ask for).
         */
        Database open(Context ctx) {
            Database db = openStore(ctx);
            Database.Access access;
            try {
                access = db.access();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            if (!access.may(needs()) && access.readOnlyFile() != null) {
                db.close();
                throw new Exit(NOT_ALLOWED, ctx.command() + " needs to write, and " + access.readOnlyFile()
                        + " is read-only for " + access.user() + "; nothing was written");
            }
            if (!access.may(needs())) {
                db.close();
                throw notAllowed(ctx, access.user(), access.role(), "");
            }
            return db;
        }

        /** "sales import needs flashsale_admin; alice has flashsale_operator" (a null role: none of ours). */
        private Exit notAllowed(Context ctx, String user, StoreRole has, String detail) {
            return new Exit(NOT_ALLOWED, ctx.command() + " needs " + needs().pgRole() + "; " + user
                    + (has == null ? " has none of flashsale_admin, flashsale_operator, flashsale_viewer"
                    : " has " + has.pgRole()) + detail);
        }

        private Database openStore(Context ctx) {
            StoreAddress address;
            try {
                address = store.address(null);
            } catch (IllegalArgumentException e) {
                throw new Exit(UNUSABLE, e.getMessage() + " (see --help)");
            }
            if (address instanceof StoreAddress.SqliteFile f && !Files.exists(f.file())) {
                throw new Exit(UNUSABLE, f.file() + " does not exist (these commands never create a database)");
            }
            try {
                return Database.open(address);
            } catch (StoreException e) {
                if (e.permissionDenied() && address instanceof StoreAddress.Postgres pg) {
                    // not even the schema's version may be read: a login without any of our roles
                    throw notAllowed(ctx, pg.user(), null, " (" + e.getMessage() + ")");
                }
                throw new Exit(UNUSABLE, e.getMessage());
            }
        }

        /** The store's parts for a command that reaches no cluster. */
        Wiring.Commands parts(Context ctx) {
            return Wiring.commands(open(ctx), null, null, ctx.clock());
        }
    }

    /** --db, and --redis/--cluster for commands whose change running nodes should hear at once. */
    static class ClusterOptions extends DbOption {
        @Mixin
        RedisOptions cluster = new RedisOptions();

        RedisKeys keys() {
            try {
                return cluster.keys();
            } catch (IllegalArgumentException e) {
                throw new Exit(UNUSABLE, e.getMessage());
            }
        }

        /** Connected, or an Exit(2): a script that names a Redis expects the nodes to hear it now. */
        RedisLink connect(Context ctx) {
            RedisAddress address;
            try {
                address = cluster.address(ctx.env());
            } catch (IllegalArgumentException e) {
                throw new Exit(UNUSABLE, e.getMessage());
            }
            Logger.getLogger(RedisLink.class.getName()).setLevel(Level.SEVERE);
            RedisLink link;
            try {
                link = Wiring.connect(address);
            } catch (RedisLink.AccessRefused e) {
                throw new Exit(UNUSABLE, e.getMessage());
            }
            if (!link.isUp()) {
                link.close();
                throw new Exit(UNUSABLE, "Redis at " + address + " does not answer; nothing was done");
            }
            return link;
        }

        /** The store's parts, with the cluster's Redis when named; closes the link if the store cannot be opened. */
        @Override
        Wiring.Commands parts(Context ctx) {
            RedisKeys keys = keys();
            RedisLink link = cluster.redis == null ? null : connect(ctx);
            try {
                return Wiring.commands(open(ctx), link, keys, ctx.clock());
            } catch (RuntimeException e) {
                if (link != null) {
                    link.close();
                }
                throw e;
            }
        }
    }

    @Command(name = "invalidate", mixinStandardHelpOptions = true,
            description = "Drop cached answers by key (e.g. price:42) or by --namespace (e.g. price) on every process.")
    static final class Invalidate extends ClusterOptions implements Tool {
        @Override
        StoreRole needs() {
            return StoreRole.OPERATOR;
        }

        @Option(names = "--namespace", paramLabel = "NS", description = "every key of this namespace (the part before ':')")
        String namespace;

        @Parameters(paramLabel = "KEY", arity = "0..*", description = "keys to drop, namespace:rest")
        List<String> keys = new ArrayList<>();

        @Override
        public int run(Context ctx) {
            if ((namespace == null) == keys.isEmpty()) {
                throw new Exit(UNUSABLE, "give either KEY... or --namespace NS (see --help)");
            }
            List<String> bad = new ArrayList<>();
            if (namespace != null && (namespace.isEmpty() || namespace.contains(":") || CatalogRules.hasControlCharacters(namespace))) {
                bad.add("--namespace " + namespace + ": a namespace is the part of a key before ':' (e.g. price)");
            }
            for (String k : keys) {
                if (!CacheKeys.isValid(k) || CatalogRules.hasControlCharacters(k) || k.length() > 512) {
                    bad.add(k + ": not a cache key (namespace:rest, e.g. price:42)");
                }
            }
            if (!bad.isEmpty()) {
                bad.forEach(b -> ctx.err().println(Main.NAME + " cache invalidate: " + b));
                ctx.err().println("Nothing was invalidated.");
                return REFUSED;
            }
            try (Wiring.Commands c = parts(ctx)) {
                AuditEntry e = namespace != null ? c.control().invalidateNamespace(namespace)
                        : keys.size() == 1 ? c.control().invalidate(keys.get(0)) : c.control().invalidate(keys);
                ctx.out().println("Invalidated " + (namespace != null ? "namespace " + namespace
                        : keys.size() + " key" + (keys.size() == 1 ? "" : "s")) + " on " + c.reach()
                        + "; audited as " + e.who() + ".");
            }
            return OK;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Drop every cached answer on every process.")
    static final class Clear extends ClusterOptions implements Tool {
        @Override
        StoreRole needs() {
            return StoreRole.OPERATOR;
        }

        @Override
        public int run(Context ctx) {
            try (Wiring.Commands c = parts(ctx)) {
                AuditEntry e = c.control().clear();
                ctx.out().println("Cleared the cache on " + c.reach() + "; audited as " + e.who() + ".");
            }
            return OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the cluster's shared tier (Redis): key, seconds left, bytes. Uses SCAN, never KEYS.")
    static final class ListShared extends ClusterOptions implements Tool {
        @Option(names = "--namespace", paramLabel = "NS", description = "only keys of this namespace")
        String namespace;

        @Override
        public int run(Context ctx) {
            if (cluster.redis == null) {
                throw new Exit(UNUSABLE, "cache list shows the shared tier: give --redis URL (each process's own"
                        + " cache is in its console's Cache tab)");
            }
            open(ctx).close(); // the same refusals for a bad --db as every command
            try (RedisLink link = connect(ctx)) {
                List<SharedEntry> entries = SharedTierScan.entries(link, keys(), namespace, Integer.MAX_VALUE);
                ctx.out().printf("%-40s %10s %8s%n", "KEY", "TTL_S", "BYTES");
                for (SharedEntry e : entries) {
                    ctx.out().printf("%-40s %10.1f %8d%n", e.key(), e.ttlMillis() / 1000.0, e.bytes());
                }
                ctx.out().println(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies") + " in cluster "
                        + cluster.cluster + " at " + link.address());
            }
            return OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every flash sale (times in UTC).")
    static final class ListSales extends DbOption implements Tool {
        @Override
        public int run(Context ctx) {
            try (Wiring.Commands c = parts(ctx)) {
                CatalogAdmin admin = c.admin();
                Map<Long, Product> products = admin.products().stream()
                        .collect(Collectors.toMap(Product::id, Function.identity()));
                Instant now = ctx.clock().instant();
                List<FlashSale> sales = admin.sales();
                ctx.out().printf("%6s  %-10s  %-16s  %-28s  %10s  %-20s  %-20s%n", "ID", "STATUS", "SKU", "PRODUCT",
                        "PRICE", "STARTS (UTC)", "ENDS (UTC)");
                for (FlashSale s : sales) {
                    Product p = products.get(s.productId());
                    ctx.out().printf("%6d  %-10s  %-16s  %-28s  %10s  %-20s  %-20s%n", s.id(), s.statusAt(now),
                            p == null ? "?" : p.sku(), p == null ? "?" : truncate(p.name(), 28),
                            s.flashPrice().toPlainString(), s.startsAt(), s.endsAt());
                }
                ctx.out().println(sales.size() + " sale" + (sales.size() == 1 ? "" : "s"));
            }
            return OK;
        }

        private static String truncate(String s, int n) {
            return s.length() <= n ? s : s.substring(0, n - 1) + "…";
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import sales from a CSV file, all or nothing (the console's format; an exported file, edited, updates its sales).")
    static final class Import extends ClusterOptions implements Tool {
        @Override
        StoreRole needs() {
            return StoreRole.ADMIN;
        }

        @Parameters(paramLabel = "FILE.csv", description = "the file to import")
        Path file;

        @Override
        public int run(Context ctx) {
            if (!Files.isReadable(file) || Files.isDirectory(file)) {
                throw new Exit(UNUSABLE, "cannot read " + file);
            }
            try (Wiring.Commands c = parts(ctx); SaleCsv.Lines lines = SaleCsv.open(Files.newInputStream(file))) {
                CatalogAdmin.ImportResult r = c.admin().importSales(lines, CatalogAdmin.ImportWatch.NONE);
                ctx.out().printf(Locale.ROOT, "Imported %s: %,d lines, %,d created, %,d updated, %,d unchanged.%n",
                        file.getFileName(), r.lines(), r.created(), r.updated(), r.unchanged());
                return OK;
            } catch (ValidationException e) {
                for (FieldError f : e.errors()) {
                    ctx.err().println(file.getFileName() + ": " + f.message());
                }
                ctx.err().println("Nothing was imported.");
                return REFUSED;
            } catch (UncheckedIOException | IOException e) {
                throw new Exit(UNUSABLE, "cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export every sale as CSV (with sale_id and version, so an edited file can be imported back).")
    static final class Export extends DbOption implements Tool {
        @Parameters(paramLabel = "FILE.csv", arity = "0..1", description = "where to write (default: standard output)")
        Path file;

        @Override
        public int run(Context ctx) {
            try (Wiring.Commands c = parts(ctx)) {
                CatalogAdmin admin = c.admin();
                writeCsv(ctx, file, "sale", admin::exportSales);
            }
            return OK;
        }
    }

    /**
     * Writes a CSV to {@code file} (whole or not at all: through a {@code .part} file moved into
     * place), saying how many of {@code what} (singular) on standard error; or to standard output.
     */
    static void writeCsv(Context ctx, Path file, String what, ToIntFunction<Writer> export) {
        try {
            if (file == null) {
                // the CSV printer closes what it writes to; standard output must stay open
                OutputStream keepOpen = new FilterOutputStream(ctx.out()) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                export.applyAsInt(new OutputStreamWriter(keepOpen, StandardCharsets.UTF_8));
                return;
            }
            int n = CsvFiles.writeWhole(file, export);
            ctx.err().println("Exported " + n + " " + what + (n == 1 ? "" : "s") + " to " + file + ".");
        } catch (IOException | UncheckedIOException e) {
            throw new Exit(UNUSABLE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export the audit (who invalidated what, when) as CSV, for a range of days or instants.")
    static final class AuditExport extends DbOption implements Tool {
        @Option(names = "--from", paramLabel = "DAY|INSTANT",
                description = "first day (2026-11-01, in this machine's time zone) or instant (2026-11-01T08:00:00Z);"
                        + " default: the oldest row")
        String from;

        @Option(names = "--to", paramLabel = "DAY|INSTANT",
                description = "last day, taken whole, or the instant to stop before; default: now")
        String to;

        @Parameters(paramLabel = "FILE.csv", arity = "0..1", description = "where to write (default: standard output)")
        Path file;

        @Override
        public int run(Context ctx) {
            AuditRange range;
            try {
                range = AuditRange.parse(from, to, ZoneId.systemDefault(), Instant.now());
            } catch (ValidationException e) {
                ctx.err().println(Main.NAME + " audit export: " + e.getMessage());
                return REFUSED;
            }
            try (Wiring.Commands c = parts(ctx)) {
                CacheControl control = c.control();
                writeCsv(ctx, file, "audit row", w -> control.exportAudit(w, range));
            }
            return OK;
        }
    }

    @Command(name = "retention", mixinStandardHelpOptions = true,
            description = "Show how many days of audit the store keeps, or set it with --days (older rows are removed).")
    static final class Retention extends DbOption implements Tool {
        @Option(names = "--days", paramLabel = "N", description = "keep N days (1 to 3650; default of a new store: 90)")
        Integer days;

        @Override
        StoreRole needs() {
            return days == null ? StoreRole.VIEWER : StoreRole.ADMIN; // showing it is reading
        }

        @Override
        public int run(Context ctx) {
            try (Wiring.Commands c = parts(ctx)) {
                CacheControl control = c.control();
                if (days == null) {
                    ctx.out().println("The audit keeps " + control.auditRetentionDays() + " days.");
                    return OK;
                }
                try {
                    int removed = control.setAuditRetentionDays(days);
                    ctx.out().println("The audit now keeps " + days + " days (" + removed + " older row"
                            + (removed == 1 ? "" : "s") + " removed).");
                    return OK;
                } catch (ValidationException e) {
                    ctx.err().println(Main.NAME + " audit retention: " + e.getMessage());
                    return REFUSED;
                }
            }
        }
    }
}
