package dev.flashsale.store;

import dev.flashsale.net.HostPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Where the store lives, as given to {@code --db}: a SQLite file path, or a PostgreSQL server as
 * PostgreSQL users write it ({@code postgresql://USER@HOST:PORT/DB?sslmode=verify-full}, also
 * {@code postgres://} and {@code jdbc:postgresql://}). A password is never part of what this
 * shows: {@link #toString()} is safe for logs, the status bar, {@code /health} and messages.
 */
public sealed interface StoreAddress permits StoreAddress.SqliteFile, StoreAddress.Postgres {

    /** What to show a person: the file, or the server and database without any secret. */
    String display();

    /** A short name for a window title. */
    String shortName();

    /** The kind of store at this address. */
    default Dialect dialect() {
        return this instanceof SqliteFile ? Dialect.SQLITE : Dialect.POSTGRESQL;
    }

    /** A SQLite database file. */
    record SqliteFile(Path file) implements StoreAddress {
        @Override
        public String display() {
            return file.toString();
        }

        @Override
        public String shortName() {
            Path name = file.getFileName();
            return name == null ? file.toString() : name.toString();
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /**
     * A PostgreSQL database. {@code parameters} pass through to the driver unchanged (sslmode,
     * sslrootcert, connectTimeout, ...); the password is kept apart and never shown.
     */
    record Postgres(List<Server> servers, String database, String user, Map<String, String> parameters,
                    Optional<String> urlPassword) implements StoreAddress {

        public static final int DEFAULT_PORT = 5432;
        /** Parameters that carry a secret: passed on, never shown. */
        private static final Set<String> SECRET = Set.of("password", "sslpassword");

        /** One host of the URL. */
        public record Server(String host, int port) {
            @Override
            public String toString() {
                return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
            }
        }

        public Postgres {
            servers = List.copyOf(servers);
            parameters = Map.copyOf(parameters);
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("a PostgreSQL address names at least one host");
            }
        }

        /** One server. */
        public Postgres(String host, int port, String database, String user, Map<String, String> parameters,
                        Optional<String> urlPassword) {
            this(List.of(new Server(host, port)), database, user, parameters, urlPassword);
        }

        /** The first host (the only one, unless a standby is named too). */
        public String host() {
            return servers.get(0).host();
        }

        public int port() {
            return servers.get(0).port();
        }

        /** The hosts as a URL names them: {@code h1:5432,h2:5432}. */
        public String hosts() {
            return String.join(",", servers.stream().map(Server::toString).toList());
        }

        /** The driver's URL: hosts, database and the pass-through parameters (no user, no password). */
        public String jdbcUrl() {
            return "jdbc:postgresql://" + hosts() + "/" + encode(database) + query(false);
        }

        @Override
        public String display() {
            return "postgresql://" + user + "@" + hosts() + "/" + database + query(true);
        }

        /**
         * The parameters as a query string, in a stable order; never the user or the password
         * (they go to the driver as properties), and to be shown never any other secret either.
         */
        private String query(boolean shown) {
            StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
            new TreeMap<>(parameters).forEach((key, value) -> {
                String k = key.toLowerCase(Locale.ROOT);
                if (k.equals("user") || k.equals("password") || (shown && SECRET.contains(k))) {
                    return;
                }
                q.add(shown ? key + "=" + value : encode(key) + "=" + encode(value));
            });
            return q.toString();
        }

        @Override
        public String shortName() {
            return database + "@" + String.join(",", servers.stream().map(Server::host).toList());
        }

        @Override
        public String toString() {
            return display();
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** True when {@code text} is meant as a PostgreSQL URL rather than a file path. */
    static boolean looksLikeUrl(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("postgresql:") || t.startsWith("postgres:") || t.startsWith("jdbc:postgresql:");
    }

    /**
     * Reads {@code --db}'s argument. A URL that cannot be read throws with a message that shows
     * no password (the argument itself is never repeated).
     */
    static StoreAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the database is empty: give a file path or a postgresql:// URL");
        }
        if (!looksLikeUrl(text)) {
            String lower = text.strip().toLowerCase(Locale.ROOT);
            if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
                throw new IllegalArgumentException("unsupported database URL scheme: use a file path or"
                        + " postgresql://USER@HOST:PORT/DB");
            }
            try {
                return new SqliteFile(Path.of(text));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a usable file path: " + e.getReason());
            }
        }
        return parsePostgres(text.strip());
    }

    private static Postgres parsePostgres(String text) {
        String rest = text.regionMatches(true, 0, "jdbc:", 0, 5) ? text.substring(5) : text;
        // Several hosts (h1:5432,[::1]:5433) are no URI authority: taken apart here, and the URI
        // parser given a stand-in for the rest of the URL.
        String manyHosts = null;
        int slashes = rest.indexOf("//");
        if (slashes >= 0) {
            int from = slashes + 2;
            int end = from;
            while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            String authority = rest.substring(from, end);
            if (authority.substring(authority.lastIndexOf('@') + 1).contains(",")) {
                manyHosts = authority;
                rest = rest.substring(0, from) + "several.hosts" + rest.substring(end);
            }
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://USER@HOST:PORT/DB): "
                    + e.getReason());
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://USER@HOST:PORT/DB)");
        }
        List<Postgres.Server> servers = new ArrayList<>();
        String info;
        if (manyHosts == null && uri.getHost() != null) {
            servers.add(new Postgres.Server(uri.getHost(), uri.getPort() < 0 ? Postgres.DEFAULT_PORT : uri.getPort()));
            info = uri.getRawUserInfo();
        } else {
            // several hosts (a primary and its standby, as libpq and pgjdbc take them), or an
            // authority URI could not take apart (a bad port)
            String authority = manyHosts != null ? manyHosts : uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            info = at < 0 ? null : authority.substring(0, at);
            for (String hp : authority.substring(at + 1).split(",", -1)) {
                servers.add(server(hp));
            }
        }
        String user = null;
        Optional<String> password = Optional.empty();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                password = Optional.of(decode(info.substring(colon + 1)));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.put(key, value);
            }
        }
        if (params.containsKey("user")) {
            String u = params.remove("user");
            if (user == null) {
                user = u;
            }
        }
        if (params.containsKey("password")) {
            String p = params.remove("password");
            if (password.isEmpty()) {
                password = Optional.of(p);
            }
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name", "postgres"); // as psql does without a user
        }
        String path = uri.getRawPath();
        String database = path == null || path.length() <= 1 ? user : decode(path.substring(1));
        if (database.contains("/")) {
            throw new IllegalArgumentException("the PostgreSQL URL's database name cannot contain '/'");
        }
        if (servers.size() > 1) {
            // several hosts are a primary and its standbys: connect to whichever is the primary
            // now, and do not trust the driver's memory of which one was for long after a failover
            params.putIfAbsent("targetServerType", "primary");
            params.putIfAbsent("hostRecheckSeconds", "2");
        }
        return new Postgres(servers, database, user, params, password);
    }

    private static Postgres.Server server(String hp) {
        try {
            HostPort parsed = HostPort.parse(hp, Postgres.DEFAULT_PORT);
            return new Postgres.Server(parsed.host(), parsed.port());
        } catch (HostPort.Invalid e) {
            throw new IllegalArgumentException(switch (e.problem()) {
                case UNCLOSED_BRACKET -> "the PostgreSQL URL has an IPv6 host without its ']'";
                case EMPTY, BAD_HOST -> "the PostgreSQL URL has no usable host[:port]"
                        + " (expected postgresql://USER@HOST:PORT[,HOST:PORT...]/DB)";
                case BAD_PORT -> "the PostgreSQL URL has a port that is not a number from 1 to 65535";
            });
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PostgreSQL URL has a bad %-escape");
        }
    }
}
