package dev.phasewise.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL 17 of a test's own, on a fixed data directory and port, so that it can be
 * stopped in the middle of a test (fast or immediate shutdown) and started again where clients
 * expect it: what a server restart looks like to the sessions of a running backfill.
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    private RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A new server on an emptied {@code dataDir} and a free port. */
    public static RestartablePostgres start(Path dataDir) {
        try {
            deleteTree(dataDir);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            RestartablePostgres r = new RestartablePostgres(dataDir, port);
            r.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same directory and port. */
    public synchronized void start() {
        if (pg != null) {
            throw new IllegalStateException("already running");
        }
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("autovacuum", "off")
                    // commits the clients saw must survive an immediate shutdown, as on a real server
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on " + dataDir, e);
        }
    }

    /** {@code pg_ctl stop -m fast}: sessions are terminated (57P01), in-flight transactions roll back. */
    public synchronized void stopFast() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pg = null;
        }
    }

    /**
     * An immediate shutdown, as {@code pg_ctl stop -m immediate} does it: SIGQUIT to the postmaster (the
     * first line of postmaster.pid), which makes it and its backends quit at once without a checkpoint;
     * the next start runs crash recovery. (pg_ctl itself refuses to run as root, as the tests may.)
     */
    public synchronized void stopImmediate() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(
                    () -> new IllegalStateException("no postmaster " + pid));
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -QUIT " + pid + " failed");
            }
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            // releases zonky's lock on the directory; its own (fast) stop finds no server and says so in the log
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the postmaster did not quit", e);
        } finally {
            pg = null;
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** A postgresql:// URL as the command line and {@code ConnectionSettings.parse} take it. */
    public String url(String database) {
        return "postgresql://postgres@localhost:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
    }

    /** Creates {@code name} afresh and runs {@code setup} in it. */
    public void database(String name, String... setup) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        }
        try (Connection c = connect(name); Statement st = c.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
            st.execute("ANALYZE");
        }
    }

    public long query(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of a query, each as its columns joined by " | ", for a failure message. */
    public String rows(String database, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        if (pg != null) {
            stopFast();
        }
        try {
            deleteTree(dataDir);
        } catch (IOException ignored) {
            // target/ is cleaned by the build
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
