package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A colleague's catalog on a read-only share: the file and its folder are not this user's to
 * write, and no process has it open. The packaged jar reads it (SQLite cannot make its
 * shared-memory file there), refuses to write it with exit 3, and leaves nothing behind. Run as a
 * user who really may not write: root may write anything, so as root the commands run as
 * {@code nobody}.
 */
@Timeout(120)
class ReadOnlyShareIT {

    @TempDir
    Path dir;
    private Path share;

    @AfterEach
    void giveTheFolderBack() throws IOException {
        if (share != null) {
            Files.setPosixFilePermissions(share, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static boolean root() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        return uid.equals("0");
    }

    private record Run(int exit, String output) {
    }

    private Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                share.resolve("flash-sale-console.jar").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), out);
    }

    @Test
    void aCatalogOnAReadOnlyShareIsReadAndNeverWritten() throws Exception {
        Path jar = Path.of("target/flash-sale-console.jar");
        assertTrue(Files.exists(jar), "run after mvn package");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        share = Files.createDirectory(dir.resolve("share"));
        Files.copy(jar, share.resolve("flash-sale-console.jar"));
        Path db = share.resolve("shop.db");
        try (Database d = Database.open(db)) {
            DemoCatalog.seed(d, Clock.systemUTC());
        }
        assertEquals(Set.of("flash-sale-console.jar", "shop.db"), names(), "closed cleanly: no -wal, no -shm");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(share, PosixFilePermissions.fromString("r-xr-xr-x"));
        byte[] before = Files.readAllBytes(db);

        Run list = run("sales", "list", "--db", db.toString());
        assertEquals(0, list.exit(), list.output());
        assertTrue(list.output().contains("Trail Running Shoes"), list.output());
        Run imported = run("sales", "import", "--db", db.toString(), "/dev/null");
        assertEquals(3, imported.exit(), imported.output());
        assertTrue(imported.output().contains("sales import needs to write, and " + db + " is read-only for"),
                imported.output());

        assertArrayEquals(before, Files.readAllBytes(db));
        assertEquals(Set.of("flash-sale-console.jar", "shop.db"), names(), "nothing left beside it");
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> s = Files.list(share)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
