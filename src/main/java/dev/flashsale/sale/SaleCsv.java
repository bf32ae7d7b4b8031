package dev.flashsale.sale;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Flash sales as CSV: {@code sku,flash_price,starts_at,ends_at} with ISO-8601 UTC instants
 * (e.g. {@code 2026-12-01T09:00:00Z}). Import is all-or-nothing: see {@link CatalogAdmin#importSales}.
 */
public final class SaleCsv {

    static final String[] HEADER = {"sku", "flash_price", "starts_at", "ends_at"};
    private static final long MAX_ROWS = 10_000;

    private SaleCsv() {
    }

    /** One parsed line: the draft, or why it could not be read. */
    public record Line(long number, String sku, BigDecimal flashPrice, Instant startsAt, Instant endsAt, String error) {
    }

    /** Writes every sale, with its product's SKU. */
    public static void write(Writer out, List<FlashSale> sales, Function<Long, String> skuOf) {
        try (CSVPrinter p = CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(out)) {
            for (FlashSale s : sales) {
                p.printRecord(skuOf.apply(s.productId()), Money.format(s.flashPrice()), s.startsAt(), s.endsAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads lines; a line that cannot be read carries its error (numbered as in the file, the
     * header being line 1). A file without the expected header is refused as a whole.
     */
    public static List<Line> read(Reader in) {
        List<Line> lines = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = format.parse(in)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String h : HEADER) {
                if (header == null || !header.containsKey(h)) {
                    throw new ValidationException("file", "line 1: the header must name the columns "
                            + String.join(",", HEADER) + " (found: " + (header == null ? "nothing" : String.join(",", header.keySet())) + ")");
                }
            }
            for (CSVRecord r : parser) {
                if (lines.size() >= MAX_ROWS) {
                    throw new ValidationException("file", "more than " + MAX_ROWS + " sales in one file");
                }
                lines.add(parse(r, r.getRecordNumber() + 1));
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

    private static Line parse(CSVRecord r, long line) {
        if (!r.isConsistent()) {
            return new Line(line, null, null, null, null, "expected " + HEADER.length + " values, found " + r.size());
        }
        String sku = r.get("sku");
        BigDecimal price = Money.parse(r.get("flash_price"));
        if (sku.isEmpty()) {
            return new Line(line, sku, null, null, null, "sku is empty");
        }
        if (price == null) {
            return new Line(line, sku, null, null, null, "flash_price '" + r.get("flash_price") + "' is not a number");
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(r.get("starts_at"));
        } catch (DateTimeParseException e) {
            return new Line(line, sku, price, null, null, "starts_at '" + r.get("starts_at")
                    + "' is not an ISO-8601 UTC instant like 2026-12-01T09:00:00Z");
        }
        try {
            end = Instant.parse(r.get("ends_at"));
        } catch (DateTimeParseException e) {
            return new Line(line, sku, price, start, null, "ends_at '" + r.get("ends_at")
                    + "' is not an ISO-8601 UTC instant like 2026-12-01T18:00:00Z");
        }
        return new Line(line, sku, price, start, end, null);
    }
}
