package dev.flashsale.sale.admin;

import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Flash sales as CSV: {@code sku,flash_price,starts_at,ends_at} with ISO-8601 UTC instants
 * (e.g. {@code 2026-12-01T09:00:00Z}), then {@code sale_id,version} so that a file exported,
 * edited in a spreadsheet and imported again updates the sales it came from. Import is
 * all-or-nothing: see {@link CatalogAdmin#importSales}.
 *
 * <p>Files as spreadsheets write them are read too: a UTF-8 byte-order mark (Excel's "CSV
 * UTF-8"), CRLF line ends, quoted fields, and {@code ;} as the separator with decimal commas
 * (Excel in many European locales). Times without an offset are read as UTC, as exported.
 */
public final class SaleCsv {

    static final String[] HEADER = {"sku", "flash_price", "starts_at", "ends_at"};
    static final String[] EXPORT_HEADER = {"sku", "flash_price", "starts_at", "ends_at", "sale_id", "version"};
    private static final long MAX_ROWS = 10_000;
    /** 10,000 rows of a few short fields: a file far beyond this is not a sales file. */
    private static final int MAX_CHARS = 4 * 1024 * 1024;
    private static final int MAX_FIELD_SHOWN = 40;
    private static final Pattern GROUPED_THOUSANDS = Pattern.compile("[+-]?[0-9]{1,3}(\\.[0-9]{3})+");
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[' ']['T']HH:mm[:ss]",
            Locale.ROOT);

    private SaleCsv() {
    }

    /**
     * One parsed line: the draft, or why it could not be read. {@code saleId} and {@code version}
     * are null for a new sale.
     */
    public record Line(long number, String sku, BigDecimal flashPrice, Instant startsAt, Instant endsAt, String error,
                       Long saleId, Long version) {
        public Line(long number, String sku, BigDecimal flashPrice, Instant startsAt, Instant endsAt, String error) {
            this(number, sku, flashPrice, startsAt, endsAt, error, null, null);
        }

        static Line bad(long number, String sku, String error) {
            return new Line(number, sku, null, null, null, error);
        }
    }

    /** Writes every sale, with its product's SKU, its id and version (so an edited file updates it). */
    public static void write(Writer out, List<FlashSale> sales, Function<Long, String> skuOf) {
        try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader(EXPORT_HEADER).get().print(out)) {
            for (FlashSale s : sales) {
                p.printRecord(formulaSafe(skuOf.apply(s.productId())), Money.format(s.flashPrice()), s.startsAt(),
                        s.endsAt(), s.id(), s.version());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    /**
     * A cell a spreadsheet would run as a formula ({@code =1+2}, {@code @SUM(...)}, {@code -5OFF})
     * gets a leading apostrophe, which spreadsheets show as text, as OWASP advises; so does a cell
     * that starts with an apostrophe, so the escape reads back unambiguously ({@link #fromFormulaSafe}).
     */
    static String formulaSafe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return FORMULA_STARTS.indexOf(first) >= 0 || first == '\'' ? "'" + cell : cell;
    }

    /** The cell {@link #formulaSafe} was given: one leading apostrophe before a formula start or an apostrophe goes. */
    static String fromFormulaSafe(String cell) {
        if (cell.length() >= 2 && cell.charAt(0) == '\''
                && (FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0 || cell.charAt(1) == '\'')) {
            return cell.substring(1);
        }
        return cell;
    }

    /**
     * Reads a file's bytes as UTF-8 (a byte-order mark allowed); a byte that is not UTF-8 refuses
     * the file with its line and position. Otherwise as {@link #read(Reader)}.
     */
    public static List<Line> read(InputStream in) {
        return read(new Utf8Input(in));
    }

    /**
     * Reads lines; a line that cannot be read carries its error (numbered as in the file, the
     * header being line 1). A file without the expected header is refused as a whole. Never
     * throws anything but {@link ValidationException}.
     */
    public static List<Line> read(Reader in) {
        String text = slurp(in);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // the byte-order mark Excel writes before "CSV UTF-8" files
        }
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<Line> lines = new ArrayList<>();
        LineCounter counter = new LineCounter(text);
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Map<String, Integer> header = null;
            for (CSVRecord r : parser) {
                if (header == null) {
                    header = header(r);
                    continue;
                }
                if (lines.size() >= MAX_ROWS) {
                    throw new ValidationException("file", "more than " + MAX_ROWS + " sales in one file");
                }
                lines.add(parse(r, header, counter.lineAt(r.getCharacterPosition()), delimiter == ';'));
            }
            if (header == null) {
                throw new ValidationException("file", "the file is empty: the first line must name the columns "
                        + String.join(",", HEADER));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ValidationException("file", "cannot read the file as CSV: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof ValidationException) {
                throw e;
            }
            throw new ValidationException("file", "not valid CSV: " + e.getMessage());
        }
        return lines;
    }

    /** The 1-based line on which a record starts (quoted line breaks counted), for positions that only grow. */
    private static final class LineCounter {
        private final String text;
        private int position;
        private long line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        long lineAt(long recordStart) {
            while (position < recordStart && position < text.length()) {
                if (text.charAt(position++) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    private static String slurp(Reader in) {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                b.append(buf, 0, n);
                if (b.length() > MAX_CHARS) {
                    throw new ValidationException("file", "the file is larger than 4 MB; a sales file of "
                            + MAX_ROWS + " rows is far smaller");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ValidationException("file", "cannot read the file: " + e.getMessage());
        }
        return b.toString();
    }

    /** {@code ;} when the header line uses it and no comma (a European spreadsheet's CSV), else {@code ,}. */
    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
    }

    private static Map<String, Integer> header(CSVRecord r) {
        Map<String, Integer> header = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            header.putIfAbsent(r.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String h : HEADER) {
            if (!header.containsKey(h)) {
                throw new ValidationException("file", "line 1: the header must name the columns "
                        + String.join(",", HEADER) + " (missing: " + h + "; found: " + shown(String.join(",",
                        header.keySet())) + ")");
            }
        }
        return header;
    }

    private static String get(CSVRecord r, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        return i == null || i >= r.size() ? "" : r.get(i);
    }

    private static Line parse(CSVRecord r, Map<String, Integer> header, long line, boolean decimalComma) {
        int columns = header.size();
        if (r.size() != columns) {
            return Line.bad(line, null, "expected " + columns + " values, found " + r.size()
                    + (decimalComma ? "" : " (a decimal comma must be quoted, or write 39.90)"));
        }
        String sku = fromFormulaSafe(get(r, header, "sku"));
        if (sku.isEmpty()) {
            return Line.bad(line, sku, "sku is empty");
        }
        if (CatalogRules.hasControlCharacters(sku)) {
            // no SKU holds one (the product form refuses them), and PostgreSQL cannot even
            // compare text holding a NUL: say what is wrong instead of asking the store
            return Line.bad(line, null, "sku contains a control character (a tab, a line break, a NUL);"
                    + " no product's SKU does");
        }
        String rawPrice = get(r, header, "flash_price");
        BigDecimal price = price(rawPrice, decimalComma);
        if (price == null) {
            if (decimalComma && GROUPED_THOUSANDS.matcher(rawPrice.strip()).matches()) {
                return Line.bad(line, sku, "flash_price '" + shown(rawPrice) + "' is ambiguous in a ';'-separated file"
                        + " (a thousands separator or a decimal point?): write it without grouping, like 1000 or 39,90");
            }
            return Line.bad(line, sku, "flash_price '" + shown(rawPrice) + "' is not a number like "
                    + (decimalComma ? "39,90" : "39.90"));
        }
        Instant start = instant(get(r, header, "starts_at"));
        if (start == null) {
            return new Line(line, sku, price, null, null, "starts_at '" + shown(get(r, header, "starts_at"))
                    + "' is not an ISO-8601 UTC instant like 2026-12-01T09:00:00Z");
        }
        Instant end = instant(get(r, header, "ends_at"));
        if (end == null) {
            return new Line(line, sku, price, start, null, "ends_at '" + shown(get(r, header, "ends_at"))
                    + "' is not an ISO-8601 UTC instant like 2026-12-01T18:00:00Z");
        }
        String id = get(r, header, "sale_id").strip();
        String version = get(r, header, "version").strip();
        if (id.isEmpty()) {
            return new Line(line, sku, price, start, end, null, null, null);
        }
        if (!ID.matcher(id).matches() || Long.parseLong(id) == 0) {
            return new Line(line, sku, price, start, end, "sale_id '" + shown(id) + "' is not a sale number (leave it"
                    + " empty for a new sale)", null, null);
        }
        if (!ID.matcher(version).matches()) {
            return new Line(line, sku, price, start, end, "sale_id " + id + " needs the version it was exported with"
                    + " (found '" + shown(version) + "'); export again to get it", null, null);
        }
        return new Line(line, sku, price, start, end, null, Long.parseLong(id), Long.parseLong(version));
    }

    private static BigDecimal price(String raw, boolean decimalComma) {
        String t = raw.strip();
        if (decimalComma) {
            if (GROUPED_THOUSANDS.matcher(t).matches() || (t.indexOf(',') >= 0 && t.indexOf('.') >= 0)) {
                return null;
            }
            t = t.replace(',', '.');
        }
        return Money.parse(t);
    }

    /** An instant with an offset (Z or +01:00), or a date and time without one, read as UTC. */
    static Instant instant(String raw) {
        String t = raw.strip();
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // fall through: a spreadsheet may have dropped the offset
        }
        try {
            return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shown(String s) {
        return s.length() <= MAX_FIELD_SHOWN ? s : s.substring(0, MAX_FIELD_SHOWN) + "…";
    }
}
