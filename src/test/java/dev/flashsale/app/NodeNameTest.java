package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node label of /metrics: it names neither the host nor the process unless the operator asks. */
class NodeNameTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultIsARandomIdKeptInTheDataFolderAndThePort() throws Exception {
        Path folder = dir.resolve("data");
        String first = NodeName.of(null, 8080, folder);
        assertTrue(first.matches("node-[0-9a-f]{8}-8080"), first);
        assertEquals(first, NodeName.of(null, 8080, folder), "stable across restarts");
        assertEquals(first.substring(0, 13) + "-9090", NodeName.of(null, 9090, folder), "one id per user, the port apart");
        assertTrue(Files.readString(folder.resolve("node-id")).strip().matches("[0-9a-f]{8}"));
        assertTrue(NodeName.of(null, 0, folder).matches("node-[0-9a-f]{8}-x[0-9a-f]{4}"), "a free port: a random tail");
        assertFalse(first.contains(NodeId.hostName()));
    }

    @Test
    void theOperatorMayNameItAndAskForTheHostAndPid() {
        long pid = ProcessHandle.current().pid();
        assertEquals("shop-" + pid, NodeName.of("shop-{pid}", 8080, dir));
        assertTrue(NodeName.of("eu-{host}", 8080, dir).startsWith("eu-"));
        for (String bad : new String[] {"", "a b", "a/b", "x".repeat(65), "{user}", "-{host}\n"}) {
            assertFalse(NodeName.valid(bad), bad);
        }
        assertTrue(NodeName.valid("shop-eu.1_{host}-{pid}"));
    }

    @Test
    void metricsCarryTheNameGivenAndNeverTheHostByDefault() throws Exception {
        try (NodeProcess named = NodeProcess.start(dir.resolve("shop.db"), "--node-name", "shop-{pid}")) {
            String metrics = named.body("/metrics");
            assertTrue(metrics.contains("node=\"shop-" + named.pid() + "\""), metrics.lines().findFirst().orElse(""));
        }
        try (NodeProcess plain = NodeProcess.start(dir.resolve("shop.db"))) {
            String metrics = plain.body("/metrics");
            assertTrue(metrics.contains("node=\"node-"), metrics.lines().limit(5).toList().toString());
            assertFalse(metrics.contains(NodeId.hostName()), "the host is nobody's business on a public bind");
            assertFalse(metrics.contains("node=\"" + NodeId.hostName()), "nor the pid");
        }
        NodeProcess.Result bad = NodeProcess.runMain(Duration.ofSeconds(30), Map.of(),
                "--headless", "--port", "0", "--db", dir.resolve("shop.db").toString(), "--node-name", "a b");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--node-name must be"), bad.err());
    }
}
