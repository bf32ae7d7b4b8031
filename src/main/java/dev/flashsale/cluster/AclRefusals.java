package dev.flashsale.cluster;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Redis's ACL refuses this node's login ({@code NOPERM}). Unlike a full Redis, a missing grant
 * does not pass: the log says once, per command, what the login may not do and what the node does
 * without it; the command is then known as refused for {@link #MEMORY_NANOS}, so callers with a
 * way around it (a load from the store) take that way without asking Redis each time, and a grant
 * added meanwhile is noticed on the next try.
 */
final class AclRefusals {
    static final long MEMORY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Pattern COMMAND = Pattern.compile("'([^']+)' command");

    private final String login;
    private final Logger log;
    private final LongSupplier nanos;
    private final Map<String, Long> refusedAt = new ConcurrentHashMap<>();
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    AclRefusals(String login, Logger log, LongSupplier nanos) {
        this.login = login == null ? "default" : login;
        this.log = log;
        this.nanos = nanos;
    }

    /** An error reply that is the ACL refusing: {@code NOPERM}, or a script's command refused. */
    static boolean isAclRefusal(String message) {
        String m = message == null ? "" : message.strip();
        return m.startsWith("NOPERM") || m.contains("user executing the script can't run");
    }

    /** What the refusal names: the command in capitals, or the keys or channels its patterns leave out. */
    static String what(String message) {
        String m = message == null ? "" : message;
        Matcher c = COMMAND.matcher(m);
        if (c.find()) {
            return c.group(1).toUpperCase(Locale.ROOT);
        }
        if (m.contains("keys")) {
            return "keys outside its patterns";
        }
        if (m.contains("channel")) {
            return "channels outside its patterns";
        }
        return m.contains("script") ? "a command inside a script" : "a command";
    }

    void refused(String message) {
        String what = what(message);
        refusedAt.put(what, nanos.getAsLong());
        if (said.add(what)) {
            log.warning("Redis login '" + login + "' may not use " + what + " (its ACL: " + message.strip()
                    + "); this node does without it (values from its own cache and the store, Redis stays UP)."
                    + " If it should, grant it: README, Roles");
        }
    }

    /** Refused within the last {@link #MEMORY_NANOS}. */
    boolean refusedRecently(String what) {
        Long at = refusedAt.get(what);
        return at != null && nanos.getAsLong() - at < MEMORY_NANOS;
    }

    /** What was refused within the last {@link #MEMORY_NANOS}, sorted; empty when the ACL lets everything through. */
    Set<String> refused() {
        long now = nanos.getAsLong();
        Set<String> out = new TreeSet<>();
        refusedAt.forEach((what, at) -> {
            if (now - at < MEMORY_NANOS) {
                out.add(what);
            }
        });
        return out;
    }
}
