package dev.flashsale.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void takesHostsAndPortsApartAsUrlsWriteThem() {
        assertEquals(new HostPort("db-1", 5433), HostPort.parse("db-1:5433", 5432));
        assertEquals(new HostPort("db-1", 5432), HostPort.parse("db-1", 5432), "the default port");
        assertEquals(new HostPort("::1", 26380), HostPort.parse("[::1]:26380", 26379));
        assertEquals(new HostPort("fe80::1%eth0", 26379), HostPort.parse("[fe80::1%eth0]", 26379));
        assertEquals("[::1]:26380", HostPort.parse("[::1]:26380", 1).toString());
        assertEquals("10.0.0.1:6379", HostPort.parse("10.0.0.1:6379", 1).toString());
    }

    @Test
    void saysWhatIsWrong() {
        Map<String, HostPort.Problem> bad = Map.of(
                "", HostPort.Problem.EMPTY,
                "[::1:5432", HostPort.Problem.UNCLOSED_BRACKET,
                ":5432", HostPort.Problem.BAD_HOST,
                "db 1:5432", HostPort.Problem.BAD_HOST,
                "db:0", HostPort.Problem.BAD_PORT,
                "db:65536", HostPort.Problem.BAD_PORT,
                "db:-1", HostPort.Problem.BAD_PORT,
                "db:99999999999", HostPort.Problem.BAD_PORT);
        bad.forEach((text, problem) -> assertEquals(problem,
                assertThrows(HostPort.Invalid.class, () -> HostPort.parse(text, 1)).problem(), text));
    }
}
