package dev.flashsale.cluster;

import dev.flashsale.net.HostPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the cluster's Redis is and how to log in: {@code redis://[USER[:PASSWORD]@]HOST[:PORT][/DB]},
 * {@code rediss://} for TLS, or through Sentinel:
 * {@code redis-sentinel://[USER[:PASSWORD]@]HOST:PORT[,HOST:PORT...][/DB][?sentinelPassword=P]#MASTER}
 * (the form Lettuce reads): the sentinels are asked where master {@code MASTER} is, and asked again
 * after a failover. Without a password in the URL, {@code REDISCLI_AUTH} (redis-cli's convention)
 * supplies one; a sentinel's own password, {@code sentinelPassword} or {@code REDIS_SENTINEL_AUTH}.
 * {@link #toString()} never shows a password.
 */
public record RedisAddress(boolean tls, String host, int port, int database, String user, String password,
                           List<Endpoint> sentinels, String master, String sentinelPassword) {

    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_SENTINEL_PORT = 26379;

    /** A host and port (a sentinel's, or the master's as the sentinels name it). */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public RedisAddress {
        sentinels = sentinels == null ? List.of() : List.copyOf(sentinels);
    }

    /** A plain address: one server. */
    public RedisAddress(boolean tls, String host, int port, int database, String user, String password) {
        this(tls, host, port, database, user, password, List.of(), null, null);
    }

    /** The master is found through sentinels (and may move). */
    public boolean viaSentinel() {
        return master != null;
    }

    /** Parses {@code url}; the message of a refusal never repeats a password. */
    public static RedisAddress parse(String url, Map<String, String> env) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("--redis needs a URL such as redis://127.0.0.1:6379");
        }
        if (url.strip().startsWith("redis-sentinel://")) {
            return parseSentinel(url.strip(), env);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--redis: not a URL (expected redis://HOST:PORT[/DB])");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
            throw new IllegalArgumentException("--redis: the URL must start with redis://, rediss:// (TLS) or"
                    + " redis-sentinel://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("--redis: the URL names no host (expected redis://HOST:PORT[/DB])");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--redis: port must be between 1 and 65535");
        }
        int db = 0;
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String d = path.substring(1);
            if (!d.matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("--redis: the path must be a database number (e.g. /0), got /" + d);
            }
            db = Integer.parseInt(d);
        }
        String[] login = login(uri.getRawUserInfo(), env);
        return new RedisAddress(scheme.equals("rediss"), host, port, db, login[0], login[1]);
    }

    /**
     * {@code redis-sentinel://[USER[:PASSWORD]@]HOST:PORT[,HOST:PORT...][/DB][?sentinelPassword=P]#MASTER}.
     * Read by hand: a list of hosts is no URI authority {@link URI} can take apart.
     */
    private static RedisAddress parseSentinel(String url, Map<String, String> env) {
        String rest = url.substring("redis-sentinel://".length());
        int hash = rest.indexOf('#');
        if (hash < 0 || hash == rest.length() - 1) {
            throw new IllegalArgumentException("--redis: a redis-sentinel:// URL names its master after '#'"
                    + " (e.g. redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#shop)");
        }
        String master = decode(rest.substring(hash + 1));
        rest = rest.substring(0, hash);
        String sentinelPassword = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String param : rest.substring(q + 1).split("&")) {
                if (param.startsWith("sentinelPassword=")) {
                    sentinelPassword = decode(param.substring("sentinelPassword=".length()));
                } else if (!param.isEmpty()) {
                    String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                    throw new IllegalArgumentException("--redis: unknown parameter '" + name
                            + "' (a redis-sentinel:// URL takes sentinelPassword)");
                }
            }
            rest = rest.substring(0, q);
        }
        int at = rest.lastIndexOf('@');
        String info = at < 0 ? null : rest.substring(0, at);
        rest = rest.substring(at + 1);
        int db = 0;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String d = rest.substring(slash + 1);
            if (!d.isEmpty() && !d.matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("--redis: the path must be a database number (e.g. /0), got /" + d);
            }
            db = d.isEmpty() ? 0 : Integer.parseInt(d);
            rest = rest.substring(0, slash);
        }
        List<Endpoint> sentinels = new ArrayList<>();
        for (String hp : rest.split(",", -1)) {
            sentinels.add(endpoint(hp.strip()));
        }
        if ((sentinelPassword == null || sentinelPassword.isEmpty()) && env.get("REDIS_SENTINEL_AUTH") != null
                && !env.get("REDIS_SENTINEL_AUTH").isEmpty()) {
            sentinelPassword = env.get("REDIS_SENTINEL_AUTH");
        }
        if (sentinelPassword != null && sentinelPassword.isEmpty()) {
            sentinelPassword = null;
        }
        String[] login = login(info, env);
        Endpoint first = sentinels.get(0);
        return new RedisAddress(false, first.host(), first.port(), db, login[0], login[1], sentinels, master,
                sentinelPassword);
    }

    private static Endpoint endpoint(String hp) {
        try {
            HostPort parsed = HostPort.parse(hp, DEFAULT_SENTINEL_PORT);
            return new Endpoint(parsed.host(), parsed.port());
        } catch (HostPort.Invalid e) {
            throw new IllegalArgumentException(switch (e.problem()) {
                case EMPTY -> "--redis: a sentinel's HOST:PORT is empty (between two commas?)";
                case UNCLOSED_BRACKET -> "--redis: an IPv6 sentinel address is missing its ']': " + hp;
                case BAD_HOST -> "--redis: '" + hp + "' is not a sentinel's HOST:PORT";
                case BAD_PORT -> "--redis: port must be between 1 and 65535 (in '" + hp + "')";
            });
        }
    }

    /** {user, password} from a URL's user info, else REDISCLI_AUTH for the password. */
    private static String[] login(String info, Map<String, String> env) {
        String user = null;
        String password = null;
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            if (colon < 0) {
                // redis://SECRET@host is how many clients take a password alone
                password = decode(info);
            } else {
                user = decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
                if (user.isEmpty()) {
                    user = null;
                }
            }
        }
        if ((password == null || password.isEmpty()) && env.get("REDISCLI_AUTH") != null
                && !env.get("REDISCLI_AUTH").isEmpty()) {
            password = env.get("REDISCLI_AUTH");
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        return new String[] {user, password};
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // the message would repeat the text, a password perhaps
            throw new IllegalArgumentException("--redis: a '%' in the URL starts no escape like %40 (write % as %25)");
        }
    }

    /** The URL as it may be shown: the password, if any, is replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(viaSentinel() ? "redis-sentinel://" : tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            if (user != null) {
                b.append(user);
            }
            if (password != null) {
                b.append(":***");
            }
            b.append('@');
        }
        if (viaSentinel()) {
            b.append(String.join(",", sentinels.stream().map(Endpoint::toString).toList()));
        } else {
            b.append(new Endpoint(host, port));
        }
        if (database != 0) {
            b.append('/').append(database);
        }
        if (viaSentinel()) {
            b.append(sentinelPassword == null ? "" : "?sentinelPassword=***").append('#').append(master);
        }
        return b.toString();
    }
}
