package dev.flashsale.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the cluster's Redis is and how to log in: {@code redis://[USER[:PASSWORD]@]HOST[:PORT][/DB]},
 * {@code rediss://} for TLS. Without a password in the URL, {@code REDISCLI_AUTH} (redis-cli's
 * convention) supplies one. {@link #toString()} never shows the password.
 */
public record RedisAddress(boolean tls, String host, int port, int database, String user, String password) {

    public static final int DEFAULT_PORT = 6379;

    /** Parses {@code url}; the message of a refusal never repeats a password. */
    public static RedisAddress parse(String url, Map<String, String> env) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("--redis needs a URL such as redis://127.0.0.1:6379");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--redis: not a URL (expected redis://HOST:PORT[/DB])");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
            throw new IllegalArgumentException("--redis: the URL must start with redis:// or rediss:// (TLS)");
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
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
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
        return new RedisAddress(scheme.equals("rediss"), host, port, db, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL as it may be shown: the password, if any, is replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            if (user != null) {
                b.append(user);
            }
            if (password != null) {
                b.append(":***");
            }
            b.append('@');
        }
        b.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
        if (database != 0) {
            b.append('/').append(database);
        }
        return b.toString();
    }
}
