package dev.flashsale.sale.admin;

import dev.flashsale.sale.CatalogRules;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Money;
import dev.flashsale.sale.ValidationException;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Flash sales as CSV: {@code sku,flash_price,starts_at,ends_at} with ISO-8601 UTC instants
 * (e.g. {@code 2026-12-01T09:00:00Z}), then {@code sale_id,version} so that a file exported,
 * edited in a spreadsheet and imported again updates the sales it came from, and an optional
 * {@code campaign} (a campaign's name) that a new sale joins. Import is
 * all-or-nothing: see {@link CatalogAdmin#importSales}.
 *
 * <p>Files as spreadsheets write them are read too: a UTF-8 byte-order mark (Excel's "CSV
 * UTF-8"), CRLF line ends, quoted fields, and {@code ;} as the separator with decimal commas
 * (Excel in many European locales). Times without an offset are read as UTC, as exported.
 */
public final class SaleCsv {

    static final String[] HEADER = {"sku", "flash_price", "starts_at", "ends_at"};
    static final String[] EXPORT_HEADER = {"sku", "flash_price", "starts_at", "ends_at", "sale_id", "version",
        "campaign"};
    /**
     * About seven million sales: an event's export (150,000 sales are 11 MB) fits many times over;
     * memory does not depend on it (the file is read a line at a time), only how long an import
     * holds its transaction.
     */
    static final long MAX_CHARS = 512L * 1024 * 1024;
    private static final int FIRST_LINE_PEEK = 64 * 1024;
    private static final int MAX_FIELD_SHOWN = 40;
    private static final Pattern GROUPED_THOUSANDS = Pattern.compile("[+-]?[0-9]{1,3}(\\.[0-9]{3})+");
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[' ']['T']HH:mm[:ss]",
            Locale.ROOT);

    private SaleCsv() {
    }

    /**
     * One parsed line: the draft, or why it could not be read. {@code saleId} and {@code version}
     * are null for a new sale; {@code campaign} is the campaign's name, or null when the line names
     * none (the column is optional).
     */
    public record Line(long number, String sku, BigDecimal flashPrice, Instant startsAt, Instant endsAt, String error,
                       Long saleId, Long version, String campaign) {
        public Line(long number, String sku, BigDecimal flashPrice, Instant startsAt, Instant endsAt, String error) {
            this(number, sku, flashPrice, startsAt, endsAt, error, null, null, null);
        }

        public Line(long number, String sku, BigDecimal flashPrice, Instant startsAt, Instant endsAt, String error,
                    Long saleId, Long version) {
            this(number, sku, flashPrice, startsAt, endsAt, error, saleId, version, null);
        }

        static Line bad(long number, String sku, String error) {
            return new Line(number, sku, null, null, null, error);
        }
    }

    /** Writes every sale, with its product's SKU, its id and version (so an edited file updates it). */
    public static void write(Writer out, List<FlashSale> sales, Function<Long, String> skuOf) {
        write(out, sales, skuOf, id -> null);
    }

    /** As {@link #write(Writer, List, Function)}, with each sale's campaign by name (empty for none). */
    public static void write(Writer out, List<FlashSale> sales, Function<Long, String> skuOf,
                             LongFunction<String> campaignOf) {
        try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader(EXPORT_HEADER).get().print(out)) {
            for (FlashSale s : sales) {
                String campaign = s.campaignId() == 0 ? null : campaignOf.apply(s.campaignId());
                p.printRecord(formulaSafe(skuOf.apply(s.productId())), Money.format(s.flashPrice()), s.startsAt(),
                        s.endsAt(), s.id(), s.version(), campaign == null ? "" : formulaSafe(campaign));
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
        return collect(open(in));
    }

    /**
     * Reads every line; a line that cannot be read carries its error (numbered as in the file, the
     * header being line 1). A file without the expected header is refused as a whole. Never
     * throws anything but {@link ValidationException}. For small files: {@link #open} reads
     * one line at a time.
     */
    public static List<Line> read(Reader in) {
        return collect(open(in));
    }

    private static List<Line> collect(Lines lines) {
        try (lines) {
            List<Line> all = new ArrayList<>();
            lines.forEachRemaining(all::add);
            return all;
        }
    }

    /** As {@link #read(InputStream)}, a line at a time: memory stays the same whatever the file's size. */
    public static Lines open(InputStream in) {
        Utf8Input text = new Utf8Input(in);
        return new Lines(text, text::bytesRead, MAX_CHARS);
    }

    /** As {@link #read(Reader)}, a line at a time. */
    public static Lines open(Reader in) {
        return open(in, MAX_CHARS);
    }

    /** As {@link #open(Reader)}, refusing files of more than {@code maxChars} characters. */
    static Lines open(Reader in, long maxChars) {
        return new Lines(in, null, maxChars);
    }

    /**
     * A sales file's lines, parsed one at a time as they are asked for. The header is read (and
     * refused if it is wrong) when it opens. Every failure is a {@link ValidationException}.
     */
    public static final class Lines implements Iterator<Line>, AutoCloseable {
        private final Reader source;
        private final Bounded bounded;
        private final LongSupplier bytesRead;
        private final boolean decimalComma;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Map<String, Integer> header;
        /** The line the last record ended on: the next one starts below it. */
        private long lastLine;
        /** The line the record just taken starts on. */
        private long recordLine;
        private Line next;

        private Lines(Reader source, LongSupplier bytesRead, long maxChars) {
            this.source = source;
            this.bounded = new Bounded(source, maxChars);
            this.bytesRead = bytesRead;
            try {
                BufferedReader in = new BufferedReader(bounded, FIRST_LINE_PEEK);
                in.mark(FIRST_LINE_PEEK);
                if (in.read() != '\uFEFF') { // the byte-order mark Excel writes before "CSV UTF-8" files
                    in.reset();
                }
                in.mark(FIRST_LINE_PEEK);
                char delimiter = delimiter(firstLine(in));
                in.reset();
                this.decimalComma = delimiter == ';';
                // Empty lines are kept as records (and skipped below) so that line numbers stay exact.
                this.parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                        .setIgnoreEmptyLines(false).get().parse(in);
                this.records = parser.iterator();
                CSVRecord first = nextRecord();
                if (first == null) {
                    throw new ValidationException("file", "the file is empty: the first line must name the columns "
                            + String.join(",", HEADER));
                }
                this.header = header(first);
            } catch (IOException | RuntimeException e) {
                closeQuietly();
                throw refusal(e);
            }
        }

        private static String firstLine(BufferedReader in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while (line.length() < FIRST_LINE_PEEK - 1 && (c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return line.toString();
        }

        /** The next record that is not an empty line, or null at the end. */
        private CSVRecord nextRecord() {
            while (records.hasNext()) {
                CSVRecord r = records.next();
                long startLine = lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                recordLine = startLine;
                return r;
            }
            return null;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    CSVRecord r = nextRecord();
                    if (r != null) {
                        next = parse(r, header, recordLine, decimalComma);
                    }
                } catch (RuntimeException e) {
                    throw refusal(e);
                }
            }
            return next != null;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line line = next;
            next = null;
            return line;
        }

        /** The file's bytes read so far (characters when it was opened as text), for a progress bar. */
        public long bytesRead() {
            return bytesRead == null ? bounded.chars : bytesRead.getAsLong();
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                source.close();
            } catch (IOException e) {
                // nothing was written; a file that cannot be closed after reading changes nothing
            }
        }

        private static ValidationException refusal(Exception e) {
            if (e instanceof ValidationException v) {
                return v;
            }
            if (e instanceof UncheckedIOException u && u.getCause() != null) {
                return refusal(u.getCause());
            }
            if (e instanceof IOException) {
                return new ValidationException("file", "cannot read the file as CSV: " + e.getMessage());
            }
            return new ValidationException("file", "not valid CSV: " + e.getMessage());
        }
    }

    /** The text, refused once it grows beyond a limit ({@link #MAX_CHARS}). */
    private static final class Bounded extends FilterReader {
        private final long max;
        private long chars;

        Bounded(Reader in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            chars += n;
            if (chars > max) {
                throw new ValidationException("file", "the file is larger than " + max / (1024 * 1024)
                        + " MB; split it into several files (an export of 150,000 sales is 11 MB)");
            }
        }
    }

    /** {@code ;} when the header line uses it and no comma (a European spreadsheet's CSV), else {@code ,}. */
    private static char delimiter(String first) {
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
        String campaign = fromFormulaSafe(get(r, header, "campaign").strip());
        if (CatalogRules.hasControlCharacters(campaign)) {
            return new Line(line, sku, price, start, end, "campaign contains a control character; no campaign's name"
                    + " does", null, null);
        }
        campaign = campaign.isEmpty() ? null : campaign;
        if (id.isEmpty()) {
            return new Line(line, sku, price, start, end, null, null, null, campaign);
        }
        if (!ID.matcher(id).matches() || Long.parseLong(id) == 0) {
            return new Line(line, sku, price, start, end, "sale_id '" + shown(id) + "' is not a sale number (leave it"
                    + " empty for a new sale)", null, null);
        }
        if (!ID.matcher(version).matches()) {
            return new Line(line, sku, price, start, end, "sale_id " + id + " needs the version it was exported with"
                    + " (found '" + shown(version) + "'); export again to get it", null, null);
        }
        return new Line(line, sku, price, start, end, null, Long.parseLong(id), Long.parseLong(version), campaign);
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
