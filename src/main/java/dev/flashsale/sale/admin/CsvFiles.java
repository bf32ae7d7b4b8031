package dev.flashsale.sale.admin;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.ToIntFunction;

/** Exported files appear whole or not at all: written beside the target, then moved into place. */
public final class CsvFiles {

    private CsvFiles() {
    }

    /** Where {@link #writeWhole} writes before the move (left behind if the write fails). */
    public static Path partOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    /** Writes {@code file} with {@code export} (UTF-8), replacing it only once complete; returns export's count. */
    public static int writeWhole(Path file, ToIntFunction<Writer> export) throws IOException {
        Path part = partOf(file);
        int n;
        try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            n = export.applyAsInt(w);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        return n;
    }
}
