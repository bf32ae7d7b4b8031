package dev.flashsale.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A node's name where strangers may read it: the {@code node} label of every {@code /metrics}
 * series (unauthenticated, as is usual for Prometheus, and reachable on a public bind). By default
 * it names neither the host nor the process: a random id kept in the user's data folder (stable
 * across restarts) and the port (a random tail for a free port); {@code --node-name} sets it, with {@code {host}} and {@code {pid}}
 * where the operator wants them.
 */
final class NodeName {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String FILE = "node-id";

    private NodeName() {
    }

    /** Whether {@code name} (placeholders included) makes a valid name. */
    static boolean valid(String name) {
        return name != null && ALLOWED.matcher(expand(name, "h", 1)).matches();
    }

    /** {@code --node-name} with its placeholders filled in, or the default for {@code port}. */
    static String of(String option, int port, Path dataFolder) {
        if (option != null) {
            return expand(option, NodeId.hostName().replaceAll("[^A-Za-z0-9.-]", "_"), ProcessHandle.current().pid());
        }
        // a free port (--port 0) differs at every start anyway: a random suffix keeps such nodes apart
        return "node-" + stableId(dataFolder) + "-"
                + (port == 0 ? String.format("x%04x", new SecureRandom().nextInt(0x10000)) : Integer.toString(port));
    }

    private static String expand(String name, String host, long pid) {
        return name.replace("{host}", host).replace("{pid}", Long.toString(pid));
    }

    /**
     * Eight hex digits made once and kept in {@code folder}; a folder that cannot be written
     * gives a new one per start (still naming nothing about the machine).
     */
    static String stableId(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (kept.matches("[0-9a-f]{8}")) {
                return kept;
            }
        } catch (IOException e) {
            // not made yet
        }
        String id = String.format("%08x", new SecureRandom().nextInt());
        try {
            Files.createDirectories(folder);
            Files.writeString(file, id + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return id;
        } catch (FileAlreadyExistsException e) {
            return stableId(folder); // another node of this user made it meanwhile: use theirs
        } catch (IOException | RuntimeException e) {
            return id;
        }
    }
}
