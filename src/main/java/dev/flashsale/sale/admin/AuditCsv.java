package dev.flashsale.sale.admin;

import dev.flashsale.sale.AuditEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit as a CSV file for whoever asks for it (a security review, an incident): one line per
 * audited cache action, the instant in ISO-8601 UTC, the person as the store, the OS and the host
 * knew them. Cells a spreadsheet would run as a formula are quoted as text, as in the sales export.
 */
final class AuditCsv implements AutoCloseable {

    static final String[] HEADER = {"at", "db_user", "os_user", "host", "action", "target", "entries"};

    private final CSVPrinter printer;
    private int rows;

    AuditCsv(Writer out) {
        try {
            this.printer = CSVFormat.DEFAULT.builder().setHeader(HEADER).get().print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(AuditEntry e) {
        try {
            printer.printRecord(e.at(), cell(e.dbUser()), cell(e.osUser()), cell(e.host()), cell(e.action()),
                    cell(e.target()), e.entries());
            rows++;
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    int rows() {
        return rows;
    }

    private static String cell(String s) {
        return s == null ? "" : SaleCsv.formulaSafe(s);
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
