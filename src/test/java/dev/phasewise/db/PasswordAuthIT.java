package dev.phasewise.db;

import dev.phasewise.db.DatabaseException.Problem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password authentication and pg_hba.conf, for real: the shared test server trusts everyone, so
 * this class starts its own server whose pg_hba.conf asks roles other than postgres for a SCRAM
 * password (and one role for SSL), and stops it at the end, the last test stopping it mid-query.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordAuthIT {
    private static final String HBA = """
            local   all  all                   trust
            host    all  postgres  127.0.0.1/32  trust
            host    all  postgres  ::1/128       trust
            hostssl all  sslonly   all           scram-sha-256
            host    all  pwuser    127.0.0.1/32  scram-sha-256
            host    all  pwuser    ::1/128       scram-sha-256
            """;

    private static EmbeddedPostgres pg;
    private static boolean stopped;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "20")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), HBA);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE pwuser LOGIN PASSWORD 'right horse'");
            st.execute("CREATE ROLE sslonly LOGIN PASSWORD 'x'");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (!stopped) {
            pg.close();
        }
    }

    private static PgEnvironment env(Map<String, String> vars) {
        return new PgEnvironment(vars, home, "nobody", PgEnvironment.Os.POSIX);
    }

    private static String url(String userInfo) {
        return "postgresql://" + userInfo + "@localhost:" + pg.getPort() + "/postgres";
    }

    @Test
    @Order(1)
    void rightPasswordConnects() {
        try (Database db = Database.open(ConnectionSettings.parse(url("pwuser:right%20horse"), env(Map.of())))) {
            assertEquals("pwuser", db.serverInfo().user());
        }
        try (Database db = Database.open(ConnectionSettings.parse(url("pwuser"), env(Map.of("PGPASSWORD", "right horse"))))) {
            assertEquals("pwuser", db.serverInfo().user());
        }
    }

    @Test
    @Order(2)
    void passwordFromPgpass() throws Exception {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, "localhost:" + pg.getPort() + ":*:pwuser:right horse\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (Database db = Database.open(ConnectionSettings.parse(url("pwuser"), env(Map.of())))) {
            assertEquals("pwuser", db.serverInfo().user());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    @Order(3)
    void wrongPassword() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.open(ConnectionSettings.parse(url("pwuser:wrong"), env(Map.of()))).close());
        assertEquals(Problem.WRONG_PASSWORD, e.problem());
        assertTrue(e.getMessage().contains("password authentication failed for user \"pwuser\" on localhost:" + pg.getPort()
                + " (database \"postgres\")"), e.getMessage());
        assertTrue(e.getMessage().contains("PGPASSWORD or ~/.pgpass"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the password is never echoed");
    }

    @Test
    @Order(4)
    void noPasswordAtAll() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.open(ConnectionSettings.parse(url("pwuser"), env(Map.of()))).close());
        assertEquals(Problem.PASSWORD_MISSING, e.problem());
        assertTrue(e.getMessage().contains("asks a password for user \"pwuser\""), e.getMessage());
    }

    @Test
    @Order(5)
    void sslRequiredByPgHba() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.open(ConnectionSettings.parse(url("sslonly:x") + "?sslmode=disable", env(Map.of()))).close());
        assertEquals(Problem.SSL_REQUIRED, e.problem());
        assertTrue(e.getMessage().contains("only over SSL"), e.getMessage());
    }

    @Test
    @Order(6)
    void serverStoppedMidQuery() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Database db = Database.open(ConnectionSettings.parse(url("postgres"), env(Map.of())))) {
            Future<Object> running = pool.submit(() -> db.withConnection(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_sleep(60) /* stop_victim */");
                }
                return null;
            }));
            try (Connection admin = db.newSession(); Statement st = admin.createStatement()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_stat_activity WHERE query LIKE '%stop_victim%'"
                            + " AND pid <> pg_backend_pid()")) {
                        seen = rs.next();
                    }
                    Thread.sleep(50);
                }
                assertTrue(seen, "the query never started");
            }
            stopped = true;
            pg.close();
            ExecutionException ex = assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
            DatabaseException e = (DatabaseException) ex.getCause();
            assertEquals(Problem.CONNECTION_LOST, e.problem());
            assertTrue(e.getMessage().startsWith("connection to localhost:" + pg.getPort() + " (database \"postgres\") lost"),
                    e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }
}
