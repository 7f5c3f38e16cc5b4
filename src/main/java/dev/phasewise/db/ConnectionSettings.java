package dev.phasewise.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where and how to connect, resolved the way libpq resolves it: what the URL or conninfo string
 * says, else the {@code PG*} environment variables, else libpq's defaults (host localhost, port
 * 5432, user = the OS user, database = the user); the password from the string, else
 * {@code PGPASSWORD}, else the password file. Immutable. The password is never part of
 * {@link #toString()}, {@link #display()} or {@link #toUri()}.
 */
public final class ConnectionSettings {
    public static final String DEFAULT_APPLICATION_NAME = "phasewise";
    /** libpq waits forever by default; an interactive tool should not, so 10 s like pgjdbc. */
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    private static final Set<String> KNOWN = Set.of("host", "port", "dbname", "user", "password", "sslmode",
            "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name", "options");

    private final List<HostPort> hosts;
    private final String database;
    private final String user;
    private final String password;
    private final SslMode sslMode;
    private final String sslRootCert;
    private final String sslCert;
    private final String sslKey;
    private final int connectTimeoutSeconds;
    private final String applicationName;
    private final String options;
    private final Map<String, String> extraOptions;
    private final List<String> warnings;

    private ConnectionSettings(List<HostPort> hosts, String database, String user, String password, SslMode sslMode,
                               String sslRootCert, String sslCert, String sslKey, int connectTimeoutSeconds,
                               String applicationName, String options, Map<String, String> extraOptions,
                               List<String> warnings) {
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.user = user;
        this.password = password;
        this.sslMode = sslMode;
        this.sslRootCert = sslRootCert;
        this.sslCert = sslCert;
        this.sslKey = sslKey;
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.applicationName = applicationName;
        this.options = options;
        this.extraOptions = Collections.unmodifiableMap(new LinkedHashMap<>(extraOptions));
        this.warnings = List.copyOf(warnings);
    }

    /** A URL ({@code postgresql://}, {@code postgres://}, {@code jdbc:postgresql://}) or conninfo string, completed from the real environment. */
    public static ConnectionSettings parse(String urlOrConninfo) {
        return parse(urlOrConninfo, PgEnvironment.system());
    }

    public static ConnectionSettings parse(String urlOrConninfo, PgEnvironment env) {
        return resolve(ConnInfo.parse(urlOrConninfo), env);
    }

    /** Only the environment and the defaults, like {@code psql} with no arguments. */
    public static ConnectionSettings fromEnvironment(PgEnvironment env) {
        return resolve(Map.of(), env);
    }

    /** Completes libpq keywords from the environment, the defaults and the password file. */
    public static ConnectionSettings resolve(Map<String, String> keywords, PgEnvironment env) {
        List<String> warnings = new ArrayList<>();
        List<HostPort> hosts = hosts(keywords, env, warnings);
        String user = value(keywords, "user", env, "PGUSER").orElse(env.osUser());
        String database = value(keywords, "dbname", env, "PGDATABASE").orElse(user);
        String password = value(keywords, "password", env, "PGPASSWORD").orElse(null);
        if (password == null) {
            // pgjdbc sends one password to every host, so the first host's entry is the one that counts
            HostPort first = hosts.get(0);
            password = PgPass.read(env.passwordFile(), warnings::add)
                    .find(first.host(), first.port(), database, user).orElse(null);
        }
        SslMode ssl = value(keywords, "sslmode", env, "PGSSLMODE").map(SslMode::parse).orElse(SslMode.PREFER);
        int timeout = value(keywords, "connect_timeout", env, "PGCONNECT_TIMEOUT")
                .map(ConnectionSettings::timeout).orElse(DEFAULT_CONNECT_TIMEOUT_SECONDS);
        String app = value(keywords, "application_name", env, "PGAPPNAME").orElse(DEFAULT_APPLICATION_NAME);
        Map<String, String> extra = new LinkedHashMap<>();
        keywords.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                extra.put(k, v);
            }
        });
        return new ConnectionSettings(hosts, database, user, password, ssl,
                value(keywords, "sslrootcert", env, "PGSSLROOTCERT").orElse(null),
                value(keywords, "sslcert", env, "PGSSLCERT").orElse(null),
                value(keywords, "sslkey", env, "PGSSLKEY").orElse(null),
                timeout, app, value(keywords, "options", env, "PGOPTIONS").orElse(null), extra, warnings);
    }

    private static Optional<String> value(Map<String, String> keywords, String key, PgEnvironment env, String variable) {
        String v = keywords.get(key);
        return v != null && !v.isEmpty() ? Optional.of(v) : env.get(variable);
    }

    private static int timeout(String s) {
        try {
            // libpq: zero or negative means wait indefinitely (pgjdbc's 0 means the same)
            return Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid connect_timeout '" + s + "': expected a number of seconds");
        }
    }

    private static List<HostPort> hosts(Map<String, String> keywords, PgEnvironment env, List<String> warnings) {
        String[] names = value(keywords, "host", env, "PGHOST").orElse("").split(",", -1);
        String[] ports = value(keywords, "port", env, "PGPORT").orElse("").split(",", -1);
        if (ports.length != 1 && ports.length != names.length) {
            throw new IllegalArgumentException("could not match " + ports.length + " port numbers to " + names.length + " hosts");
        }
        String defaultPort = env.get("PGPORT").orElse("5432");
        List<HostPort> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String host = names[i].strip();
            if (host.startsWith("/")) {
                warnings.add("pgjdbc connects over TCP only: using localhost instead of the socket directory " + host);
                host = "localhost";
            }
            String port = (ports.length == 1 ? ports[0] : ports[i]).strip();
            out.add(new HostPort(host.isEmpty() ? "localhost" : host, port(port.isEmpty() ? defaultPort : port)));
        }
        return out;
    }

    private static int port(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port number '" + s + "'");
        }
    }

    public List<HostPort> hosts() {
        return hosts;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The password, when the URL, PGPASSWORD or the password file gave one. Never print it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public SslMode sslMode() {
        return sslMode;
    }

    public Optional<String> sslRootCert() {
        return Optional.ofNullable(sslRootCert);
    }

    public Optional<String> sslCert() {
        return Optional.ofNullable(sslCert);
    }

    public Optional<String> sslKey() {
        return Optional.ofNullable(sslKey);
    }

    /** Seconds; 0 waits indefinitely. */
    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public String applicationName() {
        return applicationName;
    }

    /** libpq's {@code options} (server command-line options such as {@code -c search_path=app}). */
    public Optional<String> options() {
        return Optional.ofNullable(options);
    }

    /** Keywords that are not libpq connection settings handled here; passed to pgjdbc as properties. */
    public Map<String, String> extraOptions() {
        return extraOptions;
    }

    /** Things the user should know (a password file ignored, a socket directory replaced). */
    public List<String> warnings() {
        return warnings;
    }

    /** The same settings without a password (for saving, or for showing how to reconnect). */
    public ConnectionSettings withoutPassword() {
        return new ConnectionSettings(hosts, database, user, null, sslMode, sslRootCert, sslCert, sslKey,
                connectTimeoutSeconds, applicationName, options, extraOptions, warnings);
    }

    /** The same settings for another database on the same server. */
    public ConnectionSettings withDatabase(String otherDatabase) {
        return new ConnectionSettings(hosts, otherDatabase, user, password, sslMode, sslRootCert, sslCert, sslKey,
                connectTimeoutSeconds, applicationName, options, extraOptions, warnings);
    }

    /** {@code host1:5432,host2:5433}: how messages name the server. */
    public String hostsDisplay() {
        return String.join(",", hosts.stream().map(HostPort::toString).toList());
    }

    /** {@code postgresql://user@host:port/db}, for humans: never a password. */
    public String display() {
        return "postgresql://" + user + "@" + hostsDisplay() + "/" + database;
    }

    /** A complete, percent-encoded URI without the password, keeping every non-default setting. */
    public String toUri() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("user", user);
        k.put("host", String.join(",", hosts.stream().map(HostPort::host).toList()));
        k.put("port", String.join(",", hosts.stream().map(h -> Integer.toString(h.port())).toList()));
        k.put("dbname", database);
        if (sslMode != SslMode.PREFER) {
            k.put("sslmode", sslMode.keyword());
        }
        sslRootCert().ifPresent(v -> k.put("sslrootcert", v));
        sslCert().ifPresent(v -> k.put("sslcert", v));
        sslKey().ifPresent(v -> k.put("sslkey", v));
        if (connectTimeoutSeconds != DEFAULT_CONNECT_TIMEOUT_SECONDS) {
            k.put("connect_timeout", Integer.toString(connectTimeoutSeconds));
        }
        if (!applicationName.equals(DEFAULT_APPLICATION_NAME)) {
            k.put("application_name", applicationName);
        }
        options().ifPresent(v -> k.put("options", v));
        k.putAll(extraOptions);
        return ConnInfo.toUri(k);
    }

    /** The pgjdbc 42.7 URL; everything else, the password included, goes in {@link #jdbcProperties()}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostsDisplay() + "/" + ConnInfo.encode(database);
    }

    /** pgjdbc's names: {@code sslmode}, {@code connectTimeout} (seconds), {@code ApplicationName}. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        extraOptions.forEach(p::setProperty);
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("sslmode", sslMode.keyword());
        sslRootCert().ifPresent(v -> p.setProperty("sslrootcert", v));
        sslCert().ifPresent(v -> p.setProperty("sslcert", v));
        sslKey().ifPresent(v -> p.setProperty("sslkey", v));
        p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        // connectTimeout only bounds the TCP connect: a server (or anything else) that accepts and
        // then never answers would hang the startup forever; loginTimeout bounds the whole login
        p.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        p.setProperty("ApplicationName", applicationName);
        options().ifPresent(v -> p.setProperty("options", v));
        return p;
    }

    @Override
    public String toString() {
        return display();
    }
}
