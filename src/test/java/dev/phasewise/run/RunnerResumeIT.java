package dev.phasewise.run;

import dev.phasewise.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resume after a real crash (the runner's JVM killed), and an invalid index left behind by one. */
class RunnerResumeIT {
    @TempDir
    Path dir;

    @Test
    void aRunnerKilledMidStatementIsResumedByAnotherProcess() throws Exception {
        String name = RunnerFixture.database("run_killed", true, 20);
        Path file = RunnerFixture.write(dir, "killed.plan.yaml", """
                version: 1
                name: killed
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                        column: teaser
                        type: text
                      - kind: raw-sql
                        id: slow-table
                        sql: CREATE TABLE crash_marker AS SELECT 1 AS one FROM pg_sleep(4)
                        verify_sql: SELECT to_regclass('crash_marker') IS NOT NULL
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunnerCrashChild.class.getName(), Integer.toString(RunnerFixture.pg().getPort()), name, file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !"1".equals(RunnerFixture.one("postgres", "SELECT count(*) FROM"
                    + " pg_stat_activity WHERE query LIKE 'CREATE TABLE crash_marker%' AND state = 'active'"))) {
                assertTrue(child.isAlive(), () -> "the child ended early: " + read(dir.resolve("child.log")) + "; run: "
                        + one(name, "SELECT status || ' ' || coalesce(message, '') FROM phasewise.runs"));
                Thread.sleep(50);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        String runId = RunnerFixture.one(name, "SELECT run_id FROM phasewise.runs");
        assertEquals("running", RunnerFixture.one(name, "SELECT status FROM phasewise.runs"));
        try (Database db = RunnerFixture.open(name)) {
            // stored as running, but its runner and the run's lock are gone: listed as interrupted, resumable
            // (the server ends the killed process's idle lock session when its socket closes)
            RunStore store = new RunStore(db, Duration.ofSeconds(5));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (store.run(runId).orElseThrow().status() != RunStatus.INTERRUPTED && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertEquals(RunStatus.INTERRUPTED, store.run(runId).orElseThrow().status());
            assertEquals(RunStatus.INTERRUPTED, store.runs().get(0).status());
            assertTrue(store.runs().get(0).status().resumable());
        }
        assertEquals("running", RunnerFixture.one(name, "SELECT status FROM phasewise.run_steps WHERE step_id ="
                + " 'slow-table'"));
        // the server notices the dead client (its statement is cancelled when it next writes, at the latest
        // when pg_sleep ends); the run's advisory lock goes with the session
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunResult r = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Database db = RunnerFixture.open(name)) {
            while (r == null) {
                try {
                    r = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new SingleStatementBackfill(),
                            events::add).resume(runId, dev.phasewise.plan.PlanFiles.read(file), file, new RunControl());
                } catch (RunException e) {
                    if (e.reason() != RunException.Reason.BUSY || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
        assertEquals(1, r.actions().get(0).attempts(), "the add-column was done and not redone");
        assertEquals(2, r.actions().get(1).attempts(), "the killed statement was verified as not done and run again");
        assertEquals(List.of("slow-table/sql-1"), events.stream().filter(e -> e instanceof RunEvent.StepStarted)
                .map(e -> ((RunEvent.StepStarted) e).actionId()).toList());
    }

    @Test
    void anInvalidIndexLeftByAnEarlierAttemptIsDroppedAndBuiltAgain() throws Exception {
        String name = RunnerFixture.database("run_leftover_index", true, 50);
        try (Connection c = RunnerFixture.connect(name); Statement st = c.createStatement()) {
            // what a crashed or failed concurrent build leaves: an invalid index of the very name
            try {
                st.execute("CREATE UNIQUE INDEX CONCURRENTLY articles_article_title_uniq ON articles_article (author_id)");
            } catch (java.sql.SQLException expected) {
                // duplicate key: the index stays, invalid
            }
        }
        assertEquals("f", RunnerFixture.one(name, "SELECT indisvalid FROM pg_index WHERE indexrelid ="
                + " 'articles_article_title_uniq'::regclass"));
        Path file = RunnerFixture.write(dir, "leftover.plan.yaml", """
                version: 1
                name: leftover
                phases:
                  expand:
                    steps:
                      - kind: create-index
                        table: articles_article
                        name: articles_article_title_uniq
                        columns: [title]
                        unique: true
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"),
                    new SingleStatementBackfill(), events::add).start(file, new RunControl());
            // CREATE INDEX CONCURRENTLY IF NOT EXISTS alone would have kept the invalid index and the step
            // would fail its verification
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
        }
        RunEvent.InvalidIndexCleaned cleaned = events.stream().filter(e -> e instanceof RunEvent.InvalidIndexCleaned)
                .map(e -> (RunEvent.InvalidIndexCleaned) e).findFirst().orElseThrow();
        assertEquals("left by an earlier attempt", cleaned.cause());
        assertEquals("t", RunnerFixture.one(name, "SELECT indisvalid FROM pg_index WHERE indexrelid ="
                + " 'articles_article_title_uniq'::regclass"));
        assertEquals("title", RunnerFixture.one(name, "SELECT attname FROM pg_attribute a JOIN pg_index i ON"
                + " a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indexrelid ="
                + " 'articles_article_title_uniq'::regclass"));
    }

    private static String one(String db, String sql) {
        try {
            return RunnerFixture.one(db, sql);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
