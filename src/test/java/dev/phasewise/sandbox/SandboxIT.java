package dev.phasewise.sandbox;

import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox on a real embedded PostgreSQL 17, in temporary directories: first load, reuse after
 * a restart, reset, an interrupted load, and the sample plans run against it. Every server
 * started here is stopped here (try-with-resources).
 */
class SandboxIT {
    private static final long ROWS = 20_000;
    private static final Path SAMPLES = Path.of("migrations-samples");
    private static final List<String> TABLES = List.of("auth_user", "articles_article", "articles_comment",
            "tasks_taskexportjob");
    private static final List<Path> DIRS = new ArrayList<>();

    private static Path dir;

    @BeforeAll
    static void loadOnce() throws Exception {
        dir = tempDir();
        try (Sandbox s = Sandbox.start(options(dir), SandboxListener.NONE)) {
            assertFalse(s.load().reused());
        }
    }

    @AfterAll
    static void deleteDirs() throws IOException {
        for (Path d : DIRS) {
            try (Stream<Path> all = Files.walk(d)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void holdsTheSeedsTablesAndRowsMarkedStaging() throws Exception {
        try (Sandbox s = Sandbox.start(options(dir), SandboxListener.NONE); Connection c = s.connect()) {
            assertTrue(s.url().matches("postgresql://postgres@localhost:\\d+/phasewise_sandbox"), s.url());
            assertTrue(s.jdbcUrl().startsWith("jdbc:postgresql://localhost:" + s.port() + "/phasewise_sandbox"));
            assertEquals(ROWS, count(c, "articles_article"));
            assertEquals(ROWS / 50, count(c, "auth_user"));
            assertEquals(ROWS, count(c, "articles_comment"));
            assertEquals(ROWS / 20, count(c, "tasks_taskexportjob"));
            assertEquals("staging", one(c, "SELECT current_setting('phasewise.environment')"));
            // varied, realistic data: NULLs where the model allows them, text of different lengths
            assertTrue(count(c, "articles_article WHERE published_at IS NULL") > 0);
            assertTrue(count(c, "articles_article WHERE length(body) > 300") > ROWS / 4);
            assertTrue(count(c, "articles_article WHERE length(body) <= 300") > ROWS / 10);
            assertTrue(count(c, "tasks_taskexportjob WHERE status = 'done' AND file_path IS NOT NULL") > 0);
            assertTrue(count(c, "tasks_taskexportjob WHERE file_path IS NULL") > 0);
            assertTrue(Long.parseLong(one(c, "SELECT min(id) FROM articles_comment")) > 1_000_000_000L,
                    "comment ids close to 2^31, as the comment-id-bigint plan says");
            assertTrue(Long.parseLong(one(c, "SELECT count(*) FROM pg_stats WHERE tablename = 'articles_article'")) > 0,
                    "analyzed");
            assertEquals("", one(c, "SELECT string_agg(conname, ',') FROM pg_constraint WHERE NOT convalidated"));
            // a new row takes the next identity value
            assertEquals(String.valueOf(ROWS + 1), one(c, "INSERT INTO articles_article (author_id, title, slug, body) "
                    + "VALUES (1, 't', 'fresh-slug', 'b') RETURNING id"));
            c.createStatement().execute("DELETE FROM articles_article WHERE slug = 'fresh-slug'");
        }
    }

    @Test
    void matchesTheSamplesSchemaSql() throws Exception {
        try (Sandbox s = Sandbox.start(options(dir), SandboxListener.NONE)) {
            String reference = s.jdbcUrl().replace("/phasewise_sandbox", "/schema_sql_reference");
            try (Connection admin = DriverManager.getConnection(s.jdbcUrl().replace("/phasewise_sandbox", "/postgres"));
                 Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS schema_sql_reference");
                st.execute("CREATE DATABASE schema_sql_reference");
            }
            try (Connection c = DriverManager.getConnection(reference); Statement st = c.createStatement()) {
                st.execute(Files.readString(SAMPLES.resolve("schema.sql"), StandardCharsets.UTF_8));
            }
            try (Connection sandbox = s.connect(); Connection ref = DriverManager.getConnection(reference)) {
                assertEquals(describe(ref), describe(sandbox));
            }
        }
    }

    @Test
    void theSamplePlansRunAgainstIt() throws Exception {
        List<Path> plans;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            plans = files.filter(p -> p.toString().endsWith(".plan.yaml")).sorted().toList();
        }
        assertTrue(plans.size() >= 6, "the samples: " + plans);
        try (Sandbox s = Sandbox.start(options(dir), SandboxListener.NONE)) {
            String admin = s.jdbcUrl().replace("/phasewise_sandbox", "/postgres");
            int n = 0;
            for (Path file : plans) {
                Plan plan = PlanFiles.read(file);
                String db = "plan_" + n++;
                try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + db);
                    st.execute("CREATE DATABASE " + db + " TEMPLATE phasewise_sandbox");
                }
                try (Connection c = DriverManager.getConnection(s.jdbcUrl().replace("/phasewise_sandbox", "/" + db));
                     Statement st = c.createStatement()) {
                    for (Plan.Placed placed : plan.steps()) {
                        String where = file.getFileName() + " step " + placed.step().id();
                        for (Action a : placed.step().forward()) {
                            // a backfill's batch, run as one batch over every key
                            String sql = a.sql().replace("$1", "-9223372036854775808")
                                    .replace("$2", "9223372036854775807");
                            try {
                                st.execute(sql);
                            } catch (SQLException e) {
                                throw new AssertionError(where + ": " + e.getMessage() + "\n" + sql, e);
                            }
                        }
                        for (Check check : placed.step().verify()) {
                            assertEquals("t", one(c, check.sql()), where + ": " + check.description());
                        }
                    }
                }
            }
        }
    }

    @Test
    void aRestartReusesTheDataAndResetLoadsAgain() throws Exception {
        Path d = tempDir();
        java.time.Instant first;
        try (Sandbox s = Sandbox.start(options(d), SandboxListener.NONE)) {
            assertFalse(s.load().reused());
            first = s.load().loadedAt();
            // a second sandbox on the same directory is refused with a message, not a crash
            SandboxException running = assertThrows(SandboxException.class,
                    () -> Sandbox.start(options(d), SandboxListener.NONE));
            assertTrue(running.getMessage().contains("already running"), running.getMessage());
            assertTrue(running.getMessage().contains(s.url()), running.getMessage());
            // which is how a second window finds the running one to connect to instead
            assertEquals(java.util.Optional.of(s.url()), Sandbox.runningUrl(d));
        }
        assertEquals(java.util.Optional.empty(), Sandbox.runningUrl(d), "no note once it stopped");
        long t0 = System.nanoTime();
        AtomicLong rowsLoaded = new AtomicLong();
        SandboxListener loads = (phase, done, total) -> {
            if (phase.equals("articles")) {
                rowsLoaded.set(done);
            }
        };
        try (Sandbox s = Sandbox.start(new SandboxOptions(d, null, null, false), loads); Connection c = s.connect()) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(s.load().reused());
            assertEquals(first, s.load().loadedAt(), "the marker row is the first load's");
            assertEquals(0, rowsLoaded.get(), "nothing loaded");
            assertEquals(ROWS, count(c, "articles_article"));
            assertEquals("staging", one(c, "SELECT current_setting('phasewise.environment')"));
            assertTrue(seconds < 20, "a reusing start took " + seconds + " s");
        }
        try (Sandbox s = Sandbox.start(options(d).withReset(true), SandboxListener.NONE); Connection c = s.connect()) {
            assertFalse(s.load().reused());
            assertTrue(s.load().loadedAt().isAfter(first));
            assertEquals(ROWS, count(c, "articles_article"));
        }
        // another --rows reloads with that size
        try (Sandbox s = Sandbox.start(options(d).withArticles(5_000L), SandboxListener.NONE);
             Connection c = s.connect()) {
            assertFalse(s.load().reused());
            assertEquals(5_000, count(c, "articles_article"));
        }
    }

    @Test
    void aLoadInterruptedMidwayIsRedone() throws Exception {
        Path d = tempDir();
        // the load dies while comments are being inserted (as when the app is killed)
        SandboxListener crash = (phase, done, total) -> {
            if (phase.equals("comments") && done > 0) {
                throw new IllegalStateException("simulated crash in the middle of the load");
            }
        };
        SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.start(options(d), crash));
        assertTrue(e.getMessage().contains("simulated crash"), e.getMessage());
        List<String> messages = new ArrayList<>();
        java.time.Instant loaded;
        try (Sandbox s = Sandbox.start(options(d), listener(messages)); Connection c = s.connect()) {
            assertFalse(s.load().reused(), "nothing half-loaded is reused");
            assertTrue(messages.stream().anyMatch(m -> m.contains("did not finish")), messages.toString());
            assertEquals(ROWS, s.load().articles());
            assertEquals(ROWS, count(c, "articles_comment"));
            loaded = s.load().loadedAt();
            // a marker deleted by hand counts as an unfinished load too
            c.createStatement().execute("DELETE FROM phasewise_sandbox_meta");
        }
        try (Sandbox s = Sandbox.start(options(d), SandboxListener.NONE); Connection c = s.connect()) {
            assertFalse(s.load().reused());
            assertTrue(s.load().loadedAt().isAfter(loaded));
            assertEquals(ROWS, count(c, "articles_comment"));
        }
    }

    @Test
    void aLiveProcessThatIsNotThisSandboxsPostgresIsNeverSignalled() throws Exception {
        // a pid file left by a killed sandbox, whose pid the system gave to another program since: a plain
        // program, and one that is even called "postgres" (but works elsewhere and started later)
        Path impostorDir = tempDir();
        Path impostor = Files.copy(Path.of("/usr/bin/sleep"), impostorDir.resolve("postgres"));
        for (List<String> command : List.of(List.of("sleep", "60"), List.of(impostor.toString(), "60"))) {
            Process other = new ProcessBuilder(command).directory(impostorDir.toFile()).start();
            try {
                writePidFile(dir.resolve("pgdata"), other.pid(), java.time.Instant.now().minusSeconds(3600));
                List<String> messages = new ArrayList<>();
                try (Sandbox s = Sandbox.start(options(dir), listener(messages)); Connection c = s.connect()) {
                    assertEquals(ROWS, count(c, "articles_article"), "the sandbox started as usual");
                }
                assertTrue(other.isAlive(), command + " was signalled");
                assertTrue(messages.stream().anyMatch(m -> m.contains("was stale") && m.contains("process " + other.pid())
                        && m.contains("left that process alone")), messages.toString());
            } finally {
                other.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aProcessThatCannotBeProvenOursIsNotSignalledAndTheStartSaysWhatToCheck() throws Exception {
        // called postgres and working in the cluster, but not started when the pid file's PostgreSQL did:
        // perhaps a backend of a postmaster that is gone, perhaps something else; nobody can tell for sure
        Path pgdata = dir.resolve("pgdata");
        Path impostor = Files.copy(Path.of("/usr/bin/sleep"), tempDir().resolve("postgres"));
        Process other = new ProcessBuilder(impostor.toString(), "60").directory(pgdata.toFile()).start();
        try {
            writePidFile(pgdata, other.pid(), java.time.Instant.now().minusSeconds(3600));
            SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.start(options(dir),
                    SandboxListener.NONE));
            assertTrue(e.getMessage().contains("names process " + other.pid()) && e.getMessage().contains(
                    "cannot be shown to be this sandbox's PostgreSQL") && e.getMessage().contains("not signalled")
                    && e.getMessage().contains("ps -o pid,lstart,args -p " + other.pid()), e.getMessage());
            assertTrue(other.isAlive(), "signalled");
            assertTrue(Files.exists(pgdata.resolve("postmaster.pid")), "the pid file is left for the user to judge");
        } finally {
            other.destroyForcibly().waitFor();
            Files.deleteIfExists(pgdata.resolve("postmaster.pid"));
        }
        try (Sandbox s = Sandbox.start(options(dir), SandboxListener.NONE)) {
            assertTrue(s.isRunning());
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledSandboxIsStopped() throws Exception {
        Path pgdata = dir.resolve("pgdata");
        // what a sandbox whose JVM was killed leaves behind: its PostgreSQL, still running on the cluster
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SandboxKilledChild.class.getName(), dir.toString(), Long.toString(ROWS)).redirectErrorStream(true).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready")) {
                // the child's start-up output
            }
            assertTrue(line != null, "the child sandbox did not start");
        } finally {
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook stops its PostgreSQL
        }
        long pid = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<String> messages = new ArrayList<>();
        try (Sandbox s = Sandbox.start(options(dir), listener(messages)); Connection c = s.connect()) {
            assertFalse(postmaster.isAlive(), "the orphan was stopped");
            assertTrue(messages.stream().anyMatch(m -> m.contains("stopping PostgreSQL (pid " + pid + ")")),
                    messages.toString());
            assertEquals(ROWS, count(c, "articles_article"));
        }
    }

    // ---- helpers ----

    /** A postmaster.pid as PostgreSQL writes it (pid, data directory, start time, port, socket dir, host, shmem). */
    private static void writePidFile(Path pgdata, long pid, java.time.Instant started) throws IOException {
        Files.writeString(pgdata.resolve("postmaster.pid"), pid + "\n" + pgdata + "\n" + started.getEpochSecond()
                + "\n54329\n/tmp\nlocalhost\n  5432001    131074\nready   \n", StandardCharsets.UTF_8);
    }

    private static SandboxOptions options(Path d) {
        return new SandboxOptions(d, ROWS, null, false);
    }

    private static SandboxListener listener(List<String> messages) {
        return new SandboxListener() {
            @Override
            public void progress(String phase, long done, long total) {
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
    }

    private static Path tempDir() throws IOException {
        Path d = Files.createTempDirectory("phasewise-sandbox-it");
        DIRS.add(d);
        return d;
    }

    private static long count(Connection c, String from) throws SQLException {
        return Long.parseLong(one(c, "SELECT count(*) FROM " + from));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            String v = rs.getString(1);
            return v == null ? "" : v;
        }
    }

    /** Columns, constraints and indexes of the public tables, as comparable text. */
    private static TreeSet<String> describe(Connection c) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT table_name, column_name, data_type, character_maximum_length, "
                    + "is_nullable, column_default, is_identity, identity_generation FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND table_name = ANY (ARRAY['" + String.join("','", TABLES)
                    + "'])")) {
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder("column");
                    for (int i = 1; i <= 8; i++) {
                        sb.append(' ').append(rs.getString(i));
                    }
                    out.add(sb.toString());
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                    + "FROM pg_constraint WHERE connamespace = 'public'::regnamespace")) {
                while (rs.next()) {
                    out.add("constraint " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' "
                    + "AND tablename = ANY (ARRAY['" + String.join("','", TABLES) + "'])")) {
                while (rs.next()) {
                    out.add("index " + rs.getString(1));
                }
            }
        }
        return out;
    }
}
