package dev.flashsale.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A log handler that keeps the messages instead of printing them, for tests that read what was said. */
public final class LogLines extends Handler {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord r) {
        lines.add(r.getMessage());
    }

    /** The messages so far, oldest first (a live view, safe to read while others log). */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
