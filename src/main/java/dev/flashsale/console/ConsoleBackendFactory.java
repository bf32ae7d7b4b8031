package dev.flashsale.console;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Starts the application behind the console from its command-line options. Found with
 * {@link ServiceLoader}, so that {@link ConsoleApp} can start the whole application from
 * {@code getParameters().getRaw()} (as tests do) while the layers still point downward.
 */
public interface ConsoleBackendFactory {

    /**
     * Starts everything (database, cache, storefront) for these options.
     *
     * @throws IllegalArgumentException with a one-line message for bad options
     * @throws RuntimeException         with a user-readable message when the database cannot be opened
     */
    ConsoleBackend start(List<String> args) throws Exception;

    static ConsoleBackendFactory find() {
        return ServiceLoader.load(ConsoleBackendFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ConsoleBackendFactory on the class path"));
    }
}
