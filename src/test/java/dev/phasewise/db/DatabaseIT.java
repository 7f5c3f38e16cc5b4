package dev.phasewise.db;

import dev.phasewise.db.DatabaseException.Problem;
import dev.phasewise.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Connecting to a real server, and every way it can fail, in the user's words. */
class DatabaseIT {
    private static EmbeddedPostgres pg;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        pg = TestPostgres.server(17);
        TestPostgres.freshDatabase(17, "conn_it");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS conn_nopriv");
            st.execute("CREATE ROLE conn_nopriv LOGIN");
        }
        try (Connection c = TestPostgres.connect(pg.getJdbcUrl("postgres", "conn_it")); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE secret_table (id int)");
        }
    }

    static PgEnvironment env() {
        return new PgEnvironment(Map.of(), home, "nobody", PgEnvironment.Os.POSIX);
    }

    static ConnectionSettings settings(String user, String database) {
        return ConnectionSettings.parse("postgresql://" + user + "@localhost:" + pg.getPort() + "/" + database
                + "?connect_timeout=5", env());
    }

    private static DatabaseException failure(ConnectionSettings s) {
        return assertThrows(DatabaseException.class, () -> Database.open(s).close());
    }

    private static void assertClean(DatabaseException e, String... fragments) {
        String m = e.getMessage();
        for (String f : fragments) {
            assertTrue(m.contains(f), "'" + f + "' missing from: " + m);
        }
        assertFalse(m.contains("Exception") || m.contains("\n\tat "), m);
    }

    @Test
    void connectsAndReadsServerInfo() throws Exception {
        try (Database db = Database.open(settings("postgres", "conn_it"))) {
            ServerInfo info = db.serverInfo();
            assertEquals(17, info.major());
            assertTrue(info.versionNum() >= 170000, info.toString());
            assertTrue(info.version().startsWith("17."), info.version());
            assertEquals("conn_it", info.database());
            assertEquals("postgres", info.user());
            assertFalse(info.inRecovery());
            assertNull(info.environment());
            assertFalse(info.markedStaging());

            int pooled = db.withConnection(c -> pid(c));
            String app = db.withConnection(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW application_name")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("phasewise", app);
            try (Connection session = db.newSession()) {
                assertNotEquals(pooled, pid(session), "a new session is not a pooled one");
            }
        }
    }

    private static int pid(Connection c) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void missingDatabase() {
        DatabaseException e = failure(settings("postgres", "no_such_db"));
        assertEquals(Problem.NO_SUCH_DATABASE, e.problem());
        assertClean(e, "database \"no_such_db\" does not exist on localhost:" + pg.getPort());
    }

    @Test
    void missingRole() {
        DatabaseException e = failure(settings("nobody_here", "conn_it"));
        assertEquals(Problem.NO_SUCH_ROLE, e.problem());
        assertClean(e, "role \"nobody_here\" does not exist on localhost:" + pg.getPort(), "conn_it");
    }

    @Test
    void connectionRefused() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ConnectionSettings s = ConnectionSettings.parse("postgresql://postgres@127.0.0.1:" + closed + "/app", env());
        DatabaseException e = failure(s);
        assertEquals(Problem.CONNECTION_REFUSED, e.problem());
        assertClean(e, "127.0.0.1:" + closed, "\"app\"", "connection refused", "start the server or check the port");
    }

    @Test
    void unknownHost() {
        ConnectionSettings s = ConnectionSettings.parse("postgresql://postgres@no-such-host.invalid:5432/app?connect_timeout=3", env());
        DatabaseException e = failure(s);
        assertEquals(Problem.UNKNOWN_HOST, e.problem());
        assertClean(e, "no-such-host.invalid:5432", "\"app\"", "unknown host");
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        // a socket that accepts and then says nothing: the connect timeout must end the wait
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ConnectionSettings s = ConnectionSettings.parse("postgresql://postgres@127.0.0.1:" + silent.getLocalPort()
                    + "/app?connect_timeout=1&sslmode=disable", env());
            long start = System.nanoTime();
            DatabaseException e = failure(s);
            assertEquals(Problem.TIMEOUT, e.problem(), e.getMessage());
            assertClean(e, "127.0.0.1:" + silent.getLocalPort(), "no answer within 1 s", "connect_timeout");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
        }
    }

    @Test
    void sslRequiredButNotSupported() {
        ConnectionSettings s = ConnectionSettings.parse("postgresql://postgres@localhost:" + pg.getPort()
                + "/conn_it?sslmode=require", env());
        DatabaseException e = failure(s);
        assertEquals(Problem.SSL_NOT_SUPPORTED, e.problem());
        assertClean(e, "localhost:" + pg.getPort(), "does not support SSL", "sslmode=require");
    }

    @Test
    void sessionTerminatedMidQuery() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Database db = Database.open(settings("postgres", "conn_it"))) {
            Future<Object> running = pool.submit(() -> db.withConnection(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_sleep(30) /* conn_it_victim */");
                }
                return null;
            }));
            try (Connection admin = db.newSession(); Statement st = admin.createStatement()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                boolean killed = false;
                while (!killed && System.nanoTime() < deadline) {
                    try (ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE query LIKE '%conn_it_victim%' AND pid <> pg_backend_pid()")) {
                        killed = rs.next() && rs.getBoolean(1);
                    }
                    Thread.sleep(50);
                }
                assertTrue(killed, "the query never showed up in pg_stat_activity");
            }
            try {
                running.get(20, TimeUnit.SECONDS);
                fail("the terminated query returned");
            } catch (java.util.concurrent.ExecutionException ex) {
                DatabaseException e = (DatabaseException) ex.getCause();
                assertEquals(Problem.CONNECTION_LOST, e.problem());
                assertClean(e, "connection to localhost:" + pg.getPort(), "lost");
                assertFalse(e.getMessage().contains("FATAL"), e.getMessage());
            }
            // the pool recovers: the next piece of work gets a live session
            assertEquals(1, (int) db.withConnection(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void permissionDenied() {
        try (Database db = Database.open(settings("conn_nopriv", "conn_it"))) {
            DatabaseException e = assertThrows(DatabaseException.class, () -> db.withConnection(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT * FROM secret_table");
                }
                return null;
            }));
            assertEquals(Problem.PERMISSION_DENIED, e.problem());
            assertClean(e, "permission denied", "conn_nopriv", "secret_table", "localhost:" + pg.getPort());
        }
    }
}
