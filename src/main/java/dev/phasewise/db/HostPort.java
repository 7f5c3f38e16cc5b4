package dev.phasewise.db;

/** One server address of a connection: libpq allows several, tried in order. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port + ": must be 1 to 65535");
        }
    }

    /** {@code host:port}, with an IPv6 address in brackets so that the port stays unambiguous. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
