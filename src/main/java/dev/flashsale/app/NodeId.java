package dev.flashsale.app;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A process's name among the processes sharing a database or a cluster: host and pid for people
 * to read, and 64 random bits to be unique. Containers often share a host name and all run as
 * pid 1; two nodes with one name would skip each other's invalidations as their own.
 */
final class NodeId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeId() {
    }

    static String create() {
        String host = hostName().replaceAll("[^A-Za-z0-9.-]", "_");
        return host + "-" + ProcessHandle.current().pid() + "-" + String.format("%016x", RANDOM.nextLong());
    }

    /** The kernel's name for this host; a DNS lookup (InetAddress) only as the last resort, as it can stall a start. */
    static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        String env = System.getenv("HOSTNAME");
        if (env == null) {
            env = System.getenv("COMPUTERNAME");
        }
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "host";
        }
    }
}
