package dev.flashsale.net;

/**
 * A {@code HOST[:PORT]} as URLs write it (an IPv6 host in brackets), taken apart in one place for
 * every address the process is given (PostgreSQL servers, Redis sentinels). Each caller words the
 * refusal for its own option from the {@link Problem}.
 */
public record HostPort(String host, int port) {

    /** Why a text is not a {@code HOST[:PORT]}. */
    public enum Problem { EMPTY, UNCLOSED_BRACKET, BAD_HOST, BAD_PORT }

    /** A text that is not a {@code HOST[:PORT]}; the message names the problem only (callers word it). */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Invalid(Problem problem) {
            super(problem.name());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** {@code text} taken apart, {@code defaultPort} where it names none. */
    public static HostPort parse(String text, int defaultPort) {
        if (text == null || text.isEmpty()) {
            throw new Invalid(Problem.EMPTY);
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new Invalid(Problem.UNCLOSED_BRACKET);
            }
            host = text.substring(1, close);
            port = text.substring(close + 1).startsWith(":") ? text.substring(close + 2) : "";
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw new Invalid(Problem.BAD_HOST);
        }
        if (port.isEmpty()) {
            return new HostPort(host, defaultPort);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new Invalid(Problem.BAD_PORT);
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
