package dev.phasewise.run;

import dev.phasewise.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live run is listed as running, even when the session that held its lock was lost (a server restart, a
 * terminated backend): its runner takes the lock again, so the run does not look interrupted while it goes on.
 */
class RunLockIT {
    @TempDir
    Path dir;

    @Test
    void aRunnerThatLostItsLockSessionTakesTheLockAgain() throws Exception {
        String name = RunnerFixture.database("run_relock", true, 10);
        Path file = RunnerFixture.write(dir, "relock.plan.yaml", """
                version: 1
                name: relock
                phases:
                  expand:
                    steps:
                      - kind: raw-sql
                        id: marker
                        sql: CREATE TABLE relock_marker (one int)
                        verify_sql: SELECT to_regclass('relock_marker') IS NOT NULL
                """);
        RunControl control = new RunControl();
        CountDownLatch started = new CountDownLatch(1);
        try (Database db = RunnerFixture.open(name)) {
            Runner runner = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"),
                    new SingleStatementBackfill(), e -> {
                        if (e instanceof RunEvent.RunStarted) {
                            control.pause(); // holds before its first action
                            started.countDown();
                        }
                    });
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> runner.start(file, control));
            assertTrue(started.await(60, TimeUnit.SECONDS));
            RunStore store = new RunStore(db, Duration.ofSeconds(5));
            String runId = store.runs().get(0).runId();
            assertEquals(RunStatus.RUNNING, store.run(runId).orElseThrow().status());
            String holder = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
                    + " AND objid = hashtext('" + runId + "')::oid";
            String before = RunnerFixture.one(name, holder);
            RunnerFixture.one(name, "SELECT pg_terminate_backend(" + before + ")");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String after = RunnerFixture.one(name, holder);
            while ((after == null || after.equals(before)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                after = RunnerFixture.one(name, holder);
            }
            assertTrue(after != null, "the runner took its lock again");
            assertNotEquals(before, after, "on a new session");
            assertEquals(RunStatus.RUNNING, store.run(runId).orElseThrow().status());
            control.resume();
            RunResult r = run.get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
        }
    }
}
