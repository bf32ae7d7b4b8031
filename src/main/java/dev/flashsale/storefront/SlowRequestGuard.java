package dev.flashsale.storefront;

import dev.flashsale.concurrent.Daemons;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Closes connections that take longer than {@link #HEADERS_WITHIN} to send a request's head (a
 * slowloris: one byte, or a header a byte a second, which an idle timeout never ends because every
 * byte resets it). Jetty reads headers without holding a thread, so such clients cost no worker;
 * this bounds how long they hold a connection. Looked at once a second from a thread of its own.
 *
 * <p>It reads Jetty's HTTP/1 parser state ({@code HttpConnection} is in Jetty's internal package:
 * the version is pinned in the build, and a change there fails the slow-client tests).
 */
final class SlowRequestGuard implements AutoCloseable {

    static final Duration HEADERS_WITHIN = Duration.ofSeconds(10);

    private final ServerConnector connector;
    private final ScheduledExecutorService timer;
    /** When each connection was first seen in the middle of a request head. */
    private final Map<EndPoint, Long> midHeadSince = new ConcurrentHashMap<>();
    private final LongAdder closed = new LongAdder();

    SlowRequestGuard(ServerConnector connector) {
        this.connector = connector;
        this.timer = Daemons.timer("storefront-slow-request-guard");
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        midHeadSince.keySet().retainAll(connector.getConnectedEndPoints());
        for (EndPoint ep : connector.getConnectedEndPoints()) {
            if (!(ep.getConnection() instanceof HttpConnection http)) {
                continue;
            }
            HttpParser parser = http.getParser();
            boolean midHead = parser.inHeaderState() && !parser.isStart();
            if (!midHead) {
                midHeadSince.remove(ep);
                continue;
            }
            long since = midHeadSince.computeIfAbsent(ep, e -> now);
            if (now - since >= HEADERS_WITHIN.toNanos()) {
                midHeadSince.remove(ep);
                closed.increment();
                ep.close(); // no answer: a client this slow is not waiting for one
            }
        }
    }

    /** Connections closed for taking too long over a request's head. */
    long closed() {
        return closed.sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
