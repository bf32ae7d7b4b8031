package dev.flashsale.app;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/** A process's name among the processes sharing a database or a cluster: host, pid and a random tail. */
final class NodeId {
    private NodeId() {
    }

    static String create() {
        String host = hostName().replaceAll("[^A-Za-z0-9.-]", "_");
        // the tail tells apart a restarted process that got the same pid (containers start at 1)
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** The kernel's name for this host; a DNS lookup (InetAddress) only as the last resort, as it can stall a start. */
    static String hostName() {
        try {
            String h = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (java.io.IOException | RuntimeException e) {
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
        } catch (java.io.IOException e) {
            return "host";
        }
    }
}
