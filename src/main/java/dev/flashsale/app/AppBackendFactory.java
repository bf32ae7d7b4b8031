package dev.flashsale.app;

import dev.flashsale.console.ConsoleBackend;
import dev.flashsale.console.ConsoleBackendFactory;
import java.time.Clock;
import java.util.List;

/** Starts the application for the console (registered in META-INF/services). */
public final class AppBackendFactory implements ConsoleBackendFactory {
    @Override
    public ConsoleBackend start(List<String> args) {
        Options options = Options.parse(args.toArray(String[]::new));
        return AppRuntime.start(options, Clock.systemUTC());
    }
}
