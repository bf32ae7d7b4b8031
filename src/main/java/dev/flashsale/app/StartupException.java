package dev.flashsale.app;

/** The application could not start; the message is one line for the user, no stack trace needed. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
