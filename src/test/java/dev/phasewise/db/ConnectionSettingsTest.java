package dev.phasewise.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionSettingsTest {
    @TempDir
    Path home;

    private PgEnvironment env(String... pairs) {
        Map<String, String> vars = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return new PgEnvironment(vars, home, "alice", PgEnvironment.Os.POSIX);
    }

    @Test
    void fullUri() {
        ConnectionSettings s = ConnectionSettings.parse(
                "postgresql://bob:s%40cret@db.example.com:6543/shop%20db?sslmode=require&connect_timeout=5&application_name=mig",
                env());
        assertEquals(List.of(new HostPort("db.example.com", 6543)), s.hosts());
        assertEquals("bob", s.user());
        assertEquals("s@cret", s.password().orElseThrow());
        assertEquals("shop db", s.database());
        assertEquals(SslMode.REQUIRE, s.sslMode());
        assertEquals(5, s.connectTimeoutSeconds());
        assertEquals("mig", s.applicationName());
        assertEquals("postgresql://bob@db.example.com:6543/shop db", s.display());
        assertFalse(s.toString().contains("cret"));
        assertFalse(s.toUri().contains("cret"));
    }

    @Test
    void postgresSchemeAndDefaults() {
        ConnectionSettings s = ConnectionSettings.parse("postgres://", env());
        assertEquals(List.of(new HostPort("localhost", 5432)), s.hosts());
        assertEquals("alice", s.user());
        assertEquals("alice", s.database());
        assertEquals(SslMode.PREFER, s.sslMode());
        assertEquals("phasewise", s.applicationName());
        assertEquals(ConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS, s.connectTimeoutSeconds());
        assertTrue(s.password().isEmpty());
    }

    @Test
    void ipv6AndMultipleHosts() {
        ConnectionSettings s = ConnectionSettings.parse("postgresql://[::1]:5433,h2,h3:5435/app", env("PGPORT", "6000"));
        assertEquals(List.of(new HostPort("::1", 5433), new HostPort("h2", 6000), new HostPort("h3", 5435)), s.hosts());
        assertEquals("jdbc:postgresql://[::1]:5433,h2:6000,h3:5435/app", s.jdbcUrl());
        assertEquals("postgresql://alice@[::1]:5433,h2:6000,h3:5435/app", s.display());
    }

    @Test
    void conninfoWithQuotesAndEscapes() {
        ConnectionSettings s = ConnectionSettings.parse(
                "host=h1,h2 port=5432,5433 dbname = 'my db' user=o\\'neil password='it\\'s \\\\ secret' sslmode=verify-full"
                        + " sslrootcert=/etc/ca.pem sslcert=/c.pem sslkey=/k.pem options='-c search_path=app' target_session_attrs=any",
                env());
        assertEquals(List.of(new HostPort("h1", 5432), new HostPort("h2", 5433)), s.hosts());
        assertEquals("my db", s.database());
        assertEquals("o'neil", s.user());
        assertEquals("it's \\ secret", s.password().orElseThrow());
        assertEquals(SslMode.VERIFY_FULL, s.sslMode());
        assertEquals("/etc/ca.pem", s.sslRootCert().orElseThrow());
        Properties p = s.jdbcProperties();
        assertEquals("verify-full", p.getProperty("sslmode"));
        assertEquals("/etc/ca.pem", p.getProperty("sslrootcert"));
        assertEquals("/c.pem", p.getProperty("sslcert"));
        assertEquals("/k.pem", p.getProperty("sslkey"));
        assertEquals("-c search_path=app", p.getProperty("options"));
        assertEquals("any", p.getProperty("target_session_attrs"));
        assertEquals("phasewise", p.getProperty("ApplicationName"));
        assertEquals("10", p.getProperty("connectTimeout"));
        assertEquals("it's \\ secret", p.getProperty("password"));
    }

    @Test
    void jdbcUrl() {
        ConnectionSettings s = ConnectionSettings.parse(
                "jdbc:postgresql://db:5444/app?user=u&password=p&ApplicationName=x&connectTimeout=3&ssl=true", env());
        assertEquals(List.of(new HostPort("db", 5444)), s.hosts());
        assertEquals("u", s.user());
        assertEquals("p", s.password().orElseThrow());
        assertEquals("x", s.applicationName());
        assertEquals(3, s.connectTimeoutSeconds());
        assertEquals(SslMode.REQUIRE, s.sslMode());
        assertEquals("jdbc:postgresql://db:5444/app", s.jdbcUrl());
    }

    @Test
    void environmentFillsWhatTheUrlLeavesOut() {
        PgEnvironment e = env("PGHOST", "envhost", "PGPORT", "7000", "PGUSER", "envuser", "PGDATABASE", "envdb",
                "PGPASSWORD", "envpw", "PGSSLMODE", "disable", "PGCONNECT_TIMEOUT", "4", "PGAPPNAME", "envapp");
        ConnectionSettings fromEnv = ConnectionSettings.fromEnvironment(e);
        assertEquals(List.of(new HostPort("envhost", 7000)), fromEnv.hosts());
        assertEquals("envuser", fromEnv.user());
        assertEquals("envdb", fromEnv.database());
        assertEquals("envpw", fromEnv.password().orElseThrow());
        assertEquals(SslMode.DISABLE, fromEnv.sslMode());
        assertEquals(4, fromEnv.connectTimeoutSeconds());
        assertEquals("envapp", fromEnv.applicationName());

        ConnectionSettings url = ConnectionSettings.parse("postgresql://me@there/db", e);
        assertEquals(List.of(new HostPort("there", 7000)), url.hosts());
        assertEquals("me", url.user());
        assertEquals("db", url.database());
        assertEquals("envpw", url.password().orElseThrow());
    }

    @Test
    void databaseDefaultsToTheUser() {
        assertEquals("bob", ConnectionSettings.parse("user=bob", env("PGDATABASE", "")).database());
    }

    @Test
    void invalidInputIsExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("sslmode=sometimes", env()))
                .getMessage().contains("invalid sslmode 'sometimes'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("mysql://x/y", env()))
                .getMessage().contains("unsupported URL scheme"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("host", env()))
                .getMessage().contains("missing '='"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("host='x", env()))
                .getMessage().contains("unterminated"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("postgresql://h:abc/db", env()))
                .getMessage().contains("invalid port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("postgresql://[::1/db", env()))
                .getMessage().contains("IPv6"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("postgresql://h/%zz", env()))
                .getMessage().contains("percent-encoded"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.parse("host=a,b,c port=1,2", env()))
                .getMessage().contains("could not match 2 port numbers to 3 hosts"));
    }

    @Test
    void uriRoundTripWithoutPassword() {
        ConnectionSettings s = ConnectionSettings.parse("host=h port=5 dbname='a/b' user='x y' password=pw sslmode=require", env());
        String uri = s.toUri();
        assertEquals("postgresql://x%20y@h:5/a%2Fb?sslmode=require", uri);
        ConnectionSettings again = ConnectionSettings.parse(uri, env());
        assertEquals("a/b", again.database());
        assertEquals("x y", again.user());
        assertTrue(again.password().isEmpty());
    }

    @Test
    void platformPaths() {
        PgEnvironment posix = new PgEnvironment(Map.of("XDG_CONFIG_HOME", "/xdg"), Path.of("/home/a"), "a", PgEnvironment.Os.POSIX);
        assertEquals(Path.of("/xdg/phasewise"), posix.configDirectory());
        assertEquals(Path.of("/home/a/.pgpass"), posix.passwordFile());
        PgEnvironment plain = new PgEnvironment(Map.of(), Path.of("/home/a"), "a", PgEnvironment.Os.POSIX);
        assertEquals(Path.of("/home/a/.config/phasewise"), plain.configDirectory());
        PgEnvironment mac = new PgEnvironment(Map.of(), Path.of("/Users/a"), "a", PgEnvironment.Os.MACOS);
        assertEquals(Path.of("/Users/a/Library/Application Support/Phasewise"), mac.configDirectory());
        PgEnvironment win = new PgEnvironment(Map.of("APPDATA", "/appdata"), Path.of("/users/a"), "a", PgEnvironment.Os.WINDOWS);
        assertEquals(Path.of("/appdata/Phasewise"), win.configDirectory());
        assertEquals(Path.of("/appdata/postgresql/pgpass.conf"), win.passwordFile());
        PgEnvironment explicit = new PgEnvironment(Map.of("PGPASSFILE", "/etc/pw"), Path.of("/home/a"), "a", PgEnvironment.Os.POSIX);
        assertEquals(Path.of("/etc/pw"), explicit.passwordFile());
    }
}
