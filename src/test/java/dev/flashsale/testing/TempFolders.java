package dev.flashsale.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Deletes a temp folder a test fixture made for a server of its own (a Redis, a PostgreSQL cluster). */
public final class TempFolders {
    private TempFolders() {
    }

    public static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
