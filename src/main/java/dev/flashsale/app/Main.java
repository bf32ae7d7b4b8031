package dev.flashsale.app;

import dev.flashsale.console.ConsoleApp;
import javafx.application.Application;

/**
 * Entry point of the runnable jar. It is deliberately not an {@code Application} subclass: a fat
 * jar whose main class extends {@code Application} stops with "JavaFX runtime components are
 * missing" before any of our code runs.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }
}
