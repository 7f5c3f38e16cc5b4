package dev.phasewise.run.backfill;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replica-lag guard against a real streaming replica: a second PostgreSQL 17 made from a base
 * backup of the first (the low-level backup API, so no pg_basebackup is needed) and streaming from
 * it. While the standby's replay is paused the lag grows with every batch; the backfill must stop
 * writing and wait, and continue once replay resumes and the standby has caught up.
 */
class ReplicaLagGuardIT {
    private static final long ROWS = 60_000;

    @Test
    void theBackfillWaitsWhileTheReplicaLagsAndContinuesWhenItCatchesUp() throws Exception {
        Path work = Files.createTempDirectory("phasewise-replica");
        try (EmbeddedPostgres primary = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_connections", "60")
                .setServerConfig("wal_keep_size", "512MB")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("autovacuum", "off")
                .start()) {
            String primaryJdbc = primary.getJdbcUrl("postgres", "postgres");
            exec(primaryJdbc, "CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0, body text NOT NULL)",
                    "INSERT INTO t (id, body) SELECT i, repeat('x', 200) FROM generate_series(1, " + ROWS + ") i",
                    "ANALYZE t");
            int standbyPort = freePort();
            Path standbyDir = work.resolve("standby");
            Path bin = baseBackup(primaryJdbc, standbyDir, primary.getPort(), standbyPort);
            List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D",
                    standbyDir.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                // PostgreSQL refuses to run as root; like the embedded server itself, run it in a user namespace
                command.addAll(0, List.of("unshare", "-U"));
            }
            Process standby = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(work.resolve("standby.log").toFile()).start();
            String standbyJdbc = "jdbc:postgresql://localhost:" + standbyPort + "/postgres";
            try {
                try {
                    awaitTrue("the standby streams", Duration.ofSeconds(60), () -> number(primaryJdbc,
                            "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") == 1);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the standby's log:\n"
                            + Files.readString(work.resolve("standby.log")), e);
                }
                awaitTrue("the standby to accept read-only queries", Duration.ofSeconds(60),
                        () -> number(standbyJdbc, "SELECT count(*) FROM t") == ROWS);
                exec(standbyJdbc, "SELECT pg_wal_replay_pause()");

                List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
                String url = "postgresql://postgres@localhost:" + primary.getPort() + "/postgres";
                try (Database db = Database.open(ConnectionSettings.parse(url))) {
                    BackfillJob job = BackfillJob.builder("t", "n = n + 1, body = upper(body)").batchRows(2_000)
                            .guards(BackfillGuards.NONE.withMaxLagBytes(2L * 1024 * 1024)).jobId("replica").build();
                    CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() ->
                            new BackfillExecutor(db).execute(job, new BackfillControl(), seen::add));

                    awaitTrue("the guard to stop the backfill", Duration.ofSeconds(60), () -> !seen.isEmpty()
                            && seen.get(seen.size() - 1).state() == BackfillState.WAITING);
                    BackfillProgress waiting = seen.get(seen.size() - 1);
                    assertTrue(waiting.waitReason().contains("replica lag "), waiting.waitReason());
                    long doneWhileWaiting = number(primaryJdbc, "SELECT count(*) FROM t WHERE n = 1");
                    assertTrue(doneWhileWaiting > 0 && doneWhileWaiting < ROWS, "rows done: " + doneWhileWaiting);
                    Thread.sleep(2_000);
                    assertEquals(doneWhileWaiting, number(primaryJdbc, "SELECT count(*) FROM t WHERE n = 1"),
                            "no batch may run while the replica lags");
                    assertFalse(run.isDone());

                    exec(standbyJdbc, "SELECT pg_wal_replay_resume()");
                    BackfillOutcome outcome = run.get(120, TimeUnit.SECONDS);
                    assertEquals(BackfillState.DONE, outcome.state());
                    assertEquals(ROWS, outcome.rowsUpdated());
                    assertTrue(seen.stream().anyMatch(p -> p.state() == BackfillState.WAITING),
                            "the wait was reported");
                }
                assertEquals(0, number(primaryJdbc, "SELECT count(*) FROM t WHERE n <> 1"), "every row exactly once");
                awaitTrue("the standby to replay the whole backfill", Duration.ofSeconds(60),
                        () -> number(standbyJdbc, "SELECT count(*) FROM t WHERE n = 1") == ROWS);
            } finally {
                standby.destroy();
                if (!standby.waitFor(30, TimeUnit.SECONDS)) {
                    standby.destroyForcibly();
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    /**
     * A standby data directory made with pg_backup_start / pg_backup_stop and a file copy, set to stream
     * from the primary. Returns the directory of the server binaries the primary runs from.
     */
    private static Path baseBackup(String primaryJdbc, Path target, int primaryPort, int standbyPort) throws Exception {
        try (Connection c = connect(primaryJdbc); Statement st = c.createStatement()) {
            Path data;
            Path bin;
            try (ResultSet rs = st.executeQuery("SELECT current_setting('data_directory'), pg_backend_pid()")) {
                rs.next();
                data = Path.of(rs.getString(1));
                // a backend runs the same executable as the postmaster: its directory holds the binaries
                bin = Files.readSymbolicLink(Path.of("/proc/" + rs.getInt(2) + "/exe")).getParent();
            }
            st.execute("SELECT pg_backup_start('phasewise-replica-test', true)");
            copyDataDirectory(data, target);
            String label;
            try (ResultSet rs = st.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(target.resolve("backup_label"), label);
            Files.writeString(target.resolve("standby.signal"), "");
            Files.writeString(target.resolve("postgresql.auto.conf"), String.join("\n",
                    "port = " + standbyPort,
                    "listen_addresses = 'localhost'",
                    "unix_socket_directories = ''",
                    "primary_conninfo = 'host=localhost port=" + primaryPort + " user=postgres'",
                    "hot_standby = on",
                    // a standby needs at least the primary's limits (the embedded server passes them as options)
                    "max_connections = 60",
                    "max_wal_senders = 4",
                    // report replay progress every second, so the primary sees the catch-up promptly
                    "wal_receiver_status_interval = 1",
                    ""), StandardOpenOption.APPEND);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            return bin;
        }
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Set<String> emptied = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial",
                "pg_snapshots", "pg_subtrans");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                Files.createDirectories(to.resolve(rel.toString()));
                if (rel.getNameCount() == 1 && emptied.contains(rel.toString())) {
                    if (rel.toString().equals("pg_wal")) {
                        Files.createDirectories(to.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (name.equals("postmaster.pid") || name.equals("postmaster.opts")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException vanished) {
                    // a temporary file removed while copying: the WAL replay recreates what matters
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Duration timeout, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (SQLException e) {
                last = e; // the standby may still be starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + (last == null ? "" : ": " + last.getMessage()));
    }

    private static Connection connect(String jdbc) throws SQLException {
        return DriverManager.getConnection(jdbc, "postgres", "postgres");
    }

    private static void exec(String jdbc, String... sql) throws SQLException {
        try (Connection c = connect(jdbc); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static long number(String jdbc, String sql) throws SQLException {
        try (Connection c = connect(jdbc); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
