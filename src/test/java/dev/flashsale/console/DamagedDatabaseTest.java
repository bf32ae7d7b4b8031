package dev.flashsale.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Opening a damaged database shows a clear dialog, no stack trace, and leaves the file as it was. */
@Timeout(60)
class DamagedDatabaseTest extends ConsoleFxTest {

    @TempDir
    Path dir;


    @Test
    void showsWhyAndTouchesNothing() throws Exception {
        Path bad = dir.resolve("bad.db");
        byte[] junk = new byte[32_768];
        new Random(7).nextBytes(junk);
        Files.write(bad, junk);
        startConsole("--db", bad.toString(), "--port", "0");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#startupError").tryQuery().isPresent());
        String text = lookup("#startupError").queryAs(DialogPane.class).getContentText();
        assertTrue(text.contains("is not a SQLite database") && text.contains("left untouched"), text);
        assertTrue(!text.contains("Exception") && !text.contains("\tat "), "no stack trace: " + text);
        assertArrayEquals(junk, Files.readAllBytes(bad));
        assertTrue(!Files.exists(dir.resolve("bad.db-wal")));
    }
}
