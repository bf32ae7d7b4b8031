package dev.flashsale.app;

import java.nio.file.Path;
import java.util.Locale;

/** Where the application keeps its data by default, per operating system convention. */
final class DataFolder {
    private DataFolder() {
    }

    static Path defaultDatabase() {
        return folder().resolve("store.db");
    }

    static Path folder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Flash Sale Console");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Flash Sale Console");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("flash-sale-console");
    }
}
