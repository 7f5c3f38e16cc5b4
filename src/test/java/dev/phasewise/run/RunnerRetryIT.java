package dev.phasewise.run;

import dev.phasewise.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locks that cannot be had, sessions that get killed: the runner retries and the application never waits long. */
class RunnerRetryIT {
    @TempDir
    Path dir;

    @Test
    void aLockThatCannotBeHadIsRetriedWithBackoffWithoutQueueingTheApplication() throws Exception {
        String name = RunnerFixture.database("run_lock", true, 100);
        Path file = RunnerFixture.write(dir, "lock.plan.yaml", """
                version: 1
                name: lock
                lock_timeout: 10s
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                        column: teaser
                        type: text
                        lock_timeout: 400ms
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunOptions options = RunOptions.defaults().withMaxAttempts(30)
                .withBackoff(Duration.ofMillis(200), Duration.ofMillis(800));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong worstAppMillis = new AtomicLong();
        AtomicLong appQueries = new AtomicLong();
        try (Database db = RunnerFixture.open(name); Connection blocker = RunnerFixture.connect(name);
             Connection app = RunnerFixture.connect(name)) {
            int blockerPid;
            Statement b = blocker.createStatement();
            try (ResultSet rs = b.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                blockerPid = rs.getInt(1);
            }
            blocker.setAutoCommit(false);
            b.executeQuery("SELECT count(*) FROM articles_article").close(); // holds ACCESS SHARE until commit
            long heldFrom = System.nanoTime();
            CompletableFuture<Void> appLoad = CompletableFuture.runAsync(() -> {
                try (Statement st = app.createStatement()) {
                    while (!done.get()) {
                        long t0 = System.nanoTime();
                        st.executeQuery("SELECT title FROM articles_article WHERE id = 7").close();
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        worstAppMillis.accumulateAndGet(ms, Math::max);
                        appQueries.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Runner runner = new Runner(db, options, GateHandler.autoConfirm("ci"), new SingleStatementBackfill(),
                    events::add);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> runner.start(file, new RunControl()));
            // hold the lock through a few retries
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (events.stream().filter(e -> e instanceof RunEvent.StepRetrying).count() < 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long heldMillis = (System.nanoTime() - heldFrom) / 1_000_000;
            blocker.commit();
            RunResult r = run.get(60, TimeUnit.SECONDS);
            done.set(true);
            appLoad.get(10, TimeUnit.SECONDS);

            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            List<RunEvent.StepRetrying> retries = events.stream().filter(e -> e instanceof RunEvent.StepRetrying)
                    .map(e -> (RunEvent.StepRetrying) e).toList();
            assertTrue(retries.size() >= 3, events.toString());
            assertTrue(retries.get(0).reason().contains("lock_timeout (55P03)"), retries.get(0).reason());
            assertTrue(retries.stream().allMatch(x -> x.backoff().toMillis() >= 100 && x.backoff().toMillis() <= 800),
                    retries.toString());
            RunEvent.StepBlocked blocked = events.stream().filter(e -> e instanceof RunEvent.StepBlocked)
                    .map(e -> (RunEvent.StepBlocked) e).findFirst().orElseThrow();
            assertEquals(blockerPid, blocked.blockers().get(0).pid());
            assertEquals(retries.size() + 1, r.actions().get(0).attempts());
            assertTrue(heldMillis > 1500 && heldMillis > 400 + 500, "the blocker held its lock " + heldMillis + " ms");
            assertTrue(appQueries.get() > 10, "the application ran " + appQueries.get() + " queries");
            // the application queues behind the waiting ALTER for at most the step's lock_timeout (400 ms, its own
            // override of the plan's 10 s), never for the
            // whole time the blocker holds its lock
            assertTrue(worstAppMillis.get() < 400 + 500, "worst application query: " + worstAppMillis.get()
                    + " ms while the blocker held its lock " + heldMillis + " ms");
        }
    }

    @Test
    void theRunnersSessionTerminatedMidStatementIsRetriedAndTheRunContinues() throws Exception {
        String name = RunnerFixture.database("run_terminate", true, 20);
        Path file = RunnerFixture.write(dir, "terminate.plan.yaml", """
                version: 1
                name: terminate
                phases:
                  expand:
                    steps:
                      - kind: raw-sql
                        id: slow
                        sql: SELECT pg_sleep(2)
                        verify_sql: SELECT true
                      - kind: add-column
                        table: articles_article
                        column: teaser
                        type: text
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunOptions options = RunOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
        try (Database db = RunnerFixture.open(name); Connection admin = RunnerFixture.connect(name)) {
            Runner runner = new Runner(db, options, GateHandler.autoConfirm("ci"), new SingleStatementBackfill(),
                    events::add);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> runner.start(file, new RunControl()));
            int killed = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try (Statement st = admin.createStatement()) {
                while (killed == 0 && System.nanoTime() < deadline) {
                    try (ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                            + " WHERE application_name LIKE 'phasewise run %' AND query LIKE '%pg_sleep(2)%'"
                            + " AND state = 'active'")) {
                        rs.next();
                        killed = rs.getInt(1);
                    }
                    Thread.sleep(50);
                }
            }
            assertEquals(1, killed);
            RunResult r = run.get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            RunEvent.StepRetrying retry = events.stream().filter(e -> e instanceof RunEvent.StepRetrying)
                    .map(e -> (RunEvent.StepRetrying) e).findFirst().orElseThrow();
            assertTrue(retry.reason().startsWith("connection lost"), retry.reason());
            assertEquals("slow", retry.stepId());
            assertEquals(2, r.actions().get(0).attempts());
            assertTrue(r.actions().stream().allMatch(a -> a.status() == StepStatus.DONE));
        }
    }

    @Test
    void blockersAreCancelledOnlyWhenAskedAndAreLogged() throws Exception {
        String name = RunnerFixture.database("run_cancel_blockers", true, 20);
        Path file = RunnerFixture.write(dir, "blockers.plan.yaml", """
                version: 1
                name: blockers
                lock_timeout: 5s
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                        column: teaser
                        type: text
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunOptions options = RunOptions.defaults().withCancelBlockersAfter(Duration.ofMillis(600));
        try (Database db = RunnerFixture.open(name); Connection blocker = RunnerFixture.connect(name)) {
            CompletableFuture<Void> slowQuery = CompletableFuture.runAsync(() -> {
                try (Statement st = blocker.createStatement()) {
                    st.execute("SELECT count(*), pg_sleep(20) FROM articles_article");
                } catch (java.sql.SQLException e) {
                    if (!"57014".equals(e.getSQLState())) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            Thread.sleep(300);
            RunResult r = new Runner(db, options, GateHandler.autoConfirm("ci"), new SingleStatementBackfill(),
                    events::add).start(file, new RunControl());
            slowQuery.get(10, TimeUnit.SECONDS);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            RunEvent.BlockersCancelled c = events.stream().filter(e -> e instanceof RunEvent.BlockersCancelled)
                    .map(e -> (RunEvent.BlockersCancelled) e).findFirst().orElseThrow();
            assertTrue(c.cancelled().get(0).query().contains("pg_sleep(20)"), c.toString());
            assertEquals("1", RunnerFixture.one(name, "SELECT count(*) FROM phasewise.run_events WHERE kind ="
                    + " 'blockers-cancelled'"));
        }
    }

    @Test
    void aDeadlockVictimIsRetried() throws Exception {
        String name = RunnerFixture.database("run_deadlock", true, 10);
        Path file = RunnerFixture.write(dir, "deadlock.plan.yaml", """
                version: 1
                name: deadlock
                lock_timeout: 5s
                phases:
                  expand:
                    steps:
                      - kind: raw-sql
                        id: two-rows
                        sql: |
                          DO $$ BEGIN
                            UPDATE auth_user SET email = 'a1@example.com' WHERE id = 1;
                            PERFORM pg_sleep(0.6);
                            UPDATE auth_user SET email = 'a2@example.com' WHERE id = 2;
                          END $$
                        verify_sql: SELECT email = 'a2@example.com' FROM auth_user WHERE id = 2
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunOptions options = RunOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(300));
        try (Database db = RunnerFixture.open(name); Connection other = RunnerFixture.connect(name)) {
            Runner runner = new Runner(db, options, GateHandler.autoConfirm("ci"), new SingleStatementBackfill(),
                    events::add);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> runner.start(file, new RunControl()));
            // wait until the runner holds row 1, then take row 2 and ask for row 1: a deadlock, which the runner's
            // session detects first (ours waits 60 s before looking)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"1".equals(RunnerFixture.one(name, "SELECT count(*) FROM pg_stat_activity WHERE application_name"
                    + " LIKE 'phasewise run %' AND query LIKE 'DO $$%' AND state = 'active'"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SET deadlock_timeout = '60s'");
                st.execute("UPDATE auth_user SET email = 'b2@example.com' WHERE id = 2");
                st.execute("UPDATE auth_user SET email = 'b1@example.com' WHERE id = 1");
            }
            other.commit();
            RunResult r = run.get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            RunEvent.StepRetrying retry = events.stream().filter(e -> e instanceof RunEvent.StepRetrying)
                    .map(e -> (RunEvent.StepRetrying) e).findFirst().orElseThrow();
            assertTrue(retry.reason().startsWith("deadlock (40P01)"), retry.reason());
            assertEquals(2, r.actions().get(0).attempts());
        }
    }
}
