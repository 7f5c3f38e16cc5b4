package dev.phasewise.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lexical half of libpq's connection strings: turns a {@code postgresql://} or
 * {@code postgres://} URI, a {@code key=value} conninfo string or a {@code jdbc:postgresql://}
 * URL into libpq keywords ({@code host}, {@code port}, {@code dbname}, {@code user}, ...).
 * Several hosts stay comma-separated in {@code host} and {@code port}, as in libpq. Nothing here
 * looks at the environment: {@link ConnectionSettings} fills the gaps.
 */
public final class ConnInfo {
    private ConnInfo() {
    }

    /** Parses any of the three forms; the keywords come out in the order they were written. */
    public static Map<String, String> parse(String text) {
        String s = text.strip();
        if (s.startsWith("jdbc:postgresql://")) {
            return fromJdbcNames(parseUri(s.substring("jdbc:".length()), "postgresql://".length()));
        }
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            return parseUri(s, s.indexOf("://") + 3);
        }
        if (s.contains("://")) {
            throw new IllegalArgumentException("unsupported URL scheme in '" + s.substring(0, s.indexOf("://") + 3)
                    + "': use postgresql://, postgres:// or jdbc:postgresql://");
        }
        return parseKeyValues(s);
    }

    // --- URIs: postgresql://[user[:password]@][host[:port][,...]][/dbname][?key=value&...]

    private static Map<String, String> parseUri(String uri, int start) {
        Map<String, String> out = new LinkedHashMap<>();
        String rest = uri.substring(start);
        int query = rest.indexOf('?');
        String params = query < 0 ? null : rest.substring(query + 1);
        rest = query < 0 ? rest : rest.substring(0, query);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (slash >= 0 && slash + 1 < rest.length()) {
            out.put("dbname", decode(rest.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (!user.isEmpty()) {
                out.put("user", decode(user));
            }
            if (colon >= 0) {
                out.put("password", decode(userInfo.substring(colon + 1)));
            }
        }
        parseHosts(authority, out);
        if (params != null && !params.isEmpty()) {
            for (String pair : params.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("invalid URI query parameter '" + pair + "': expected key=value");
                }
                out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    /** {@code h1:5432,[::1]:5433,h3}: hosts and ports into libpq's parallel comma lists. */
    private static void parseHosts(String authority, Map<String, String> out) {
        if (authority.isEmpty()) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String spec : authority.split(",", -1)) {
            String host;
            String port = "";
            if (spec.startsWith("[")) {
                int close = spec.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated IPv6 address in '" + spec + "': expected ']'");
                }
                host = spec.substring(1, close);
                String after = spec.substring(close + 1);
                if (after.startsWith(":")) {
                    port = after.substring(1);
                } else if (!after.isEmpty()) {
                    throw new IllegalArgumentException("unexpected '" + after + "' after IPv6 address [" + host + "]");
                }
            } else {
                int colon = spec.indexOf(':');
                host = colon < 0 ? spec : spec.substring(0, colon);
                port = colon < 0 ? "" : spec.substring(colon + 1);
            }
            hosts.add(decode(host));
            ports.add(port);
        }
        if (hosts.stream().anyMatch(h -> !h.isEmpty())) {
            out.put("host", String.join(",", hosts));
        }
        if (ports.stream().anyMatch(p -> !p.isEmpty())) {
            out.put("port", String.join(",", ports));
        }
    }

    /** Percent-decoding as UTF-8; '+' stays a plus, as in libpq (this is not form encoding). */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("invalid percent-encoded token in '" + s + "'");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-encoded token in '" + s + "'");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        String decoded = bytes.toString(StandardCharsets.UTF_8);
        if (decoded.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("forbidden value %00 in '" + s + "'");
        }
        return decoded;
    }

    /** pgjdbc's parameter names, for people who paste a JDBC URL. */
    private static Map<String, String> fromJdbcNames(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            switch (k) {
                case "ApplicationName" -> out.put("application_name", v);
                case "connectTimeout" -> out.put("connect_timeout", v);
                case "ssl" -> {
                    if (v.equalsIgnoreCase("true")) {
                        out.putIfAbsent("sslmode", "require");
                    }
                }
                default -> out.put(k, v);
            }
        });
        return out;
    }

    // --- conninfo: key = value key='quoted \' value'

    private static Map<String, String> parseKeyValues(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException("missing '=' after '" + key
                        + "' in connection info string (expected a postgresql:// URL or key=value pairs)");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted string in connection info string (value of '" + key + "')");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else {
                        value.append(c);
                    }
                }
            }
            out.put(key, value.toString());
        }
    }

    // --- back to a URI

    /**
     * A {@code postgresql://} URI holding the given keywords: host, port, user and dbname in the
     * authority and path, the others as query parameters, everything percent-encoded. A password is
     * never written: callers that need one get it from PGPASSWORD or ~/.pgpass.
     */
    public static String toUri(Map<String, String> keywords) {
        StringBuilder b = new StringBuilder("postgresql://");
        String user = keywords.get("user");
        if (user != null && !user.isEmpty()) {
            b.append(encode(user)).append('@');
        }
        String[] hosts = keywords.getOrDefault("host", "").split(",", -1);
        String[] ports = keywords.getOrDefault("port", "").split(",", -1);
        for (int i = 0; i < hosts.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String h = hosts[i];
            b.append(h.indexOf(':') >= 0 ? "[" + h + "]" : encode(h));
            String port = ports.length == 1 ? ports[0] : i < ports.length ? ports[i] : "";
            if (!port.isEmpty()) {
                b.append(':').append(port);
            }
        }
        String db = keywords.get("dbname");
        if (db != null && !db.isEmpty()) {
            b.append('/').append(encode(db));
        }
        char sep = '?';
        for (Map.Entry<String, String> e : keywords.entrySet()) {
            if (List.of("user", "password", "host", "port", "dbname").contains(e.getKey())) {
                continue;
            }
            b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    /** Percent-encodes all but RFC 3986's unreserved characters. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }
}
