package dev.flashsale.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus alerting rules, checked by Prometheus' own tool: they parse, and they
 * fire (and stay quiet) on the series in {@code flashsale-alerts.test.yml}. promtool comes from
 * Debian's prometheus package, which .ci/run installs; missing, this fails in CI (skips elsewhere).
 */
class AlertRulesTest {
    private static final Path DIR = Path.of("ops/prometheus");

    private static String promtool(String... args) throws Exception {
        Path tool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(tool)) {
            ExternalTool.required("promtool", "apt-get install -y prometheus");
        }
        List<String> cmd = new ArrayList<>(List.of(tool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    @Test
    void theRulesParse() throws Exception {
        assertTrue(promtool("check", "rules", "flashsale-alerts.yml").contains("3 rules found"));
    }

    @Test
    void theRulesFireOnALowHitRateARedisDownAndASilentNodeAndOnlyThen() throws Exception {
        assertTrue(promtool("test", "rules", "flashsale-alerts.test.yml").contains("SUCCESS"));
    }
}
