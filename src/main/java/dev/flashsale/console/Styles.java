package dev.flashsale.console;

/** The console's one stylesheet, for every window of every page. */
public final class Styles {
    private Styles() {
    }

    /** The URL of {@code console.css}, for {@code Scene.getStylesheets().add}. */
    public static String stylesheet() {
        return Styles.class.getResource("console.css").toExternalForm();
    }
}
