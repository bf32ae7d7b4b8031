package dev.flashsale.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A program some tests need from the machine (redis-server, promtool). In CI ({@code CI=true},
 * where .ci/run installs them) a missing one fails the test; on a developer's machine the test is
 * skipped with what to install, so {@code mvn verify} still runs everything else on a machine
 * with only a JDK and Maven.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** Never returns normally: fails in CI, else aborts (skips) the test. */
    public static String required(String tool, String install) {
        String message = tool + " is not installed (" + install + "; .ci/run installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message + ": skipped outside CI");
        return null;
    }
}
