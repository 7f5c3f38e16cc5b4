package dev.phasewise.run;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.testing.RestartablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan run whose backfill step goes through the batched executor survives a server restart in the
 * middle of the backfill: the executor's workers reconnect and continue at their checkpoints, the run's
 * own state (kept in the same database) is written again once the server is back, and the run succeeds
 * with every row updated exactly once ({@code n = n + 1}, no filter).
 */
class RunnerServerRestartIT {

    @Test
    void aRestartMidBackfillLetsTheRunFinish(@TempDir Path dir) throws Exception {
        int rows = 50_000;
        try (RestartablePostgres pg = RestartablePostgres.start(Path.of("target", "restart-pg-runner"))) {
            pg.database("run_restart",
                    "CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0, body text NOT NULL)",
                    "INSERT INTO t (id, body) SELECT i, 'body ' || i FROM generate_series(1, " + rows + ") i",
                    "ALTER DATABASE run_restart SET phasewise.environment = 'staging'");
            Path plan = RunnerFixture.write(dir, "count.plan.yaml", """
                    version: 1
                    name: Count every row once
                    phases:
                      backfill:
                        steps:
                          - kind: backfill
                            table: t
                            set: n = n + 1
                            batch_rows: 300
                            sleep_ms: 10
                    """);
            AtomicLong seen = new AtomicLong();
            CountDownLatch midway = new CountDownLatch(1);
            try (Database db = Database.open(ConnectionSettings.parse(pg.url("run_restart")))) {
                Runner runner = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"),
                        new BatchedBackfill(2), e -> {
                            if (e instanceof RunEvent.BackfillProgress p) {
                                seen.set(p.rowsDone());
                                if (p.rowsDone() >= rows / 5) {
                                    midway.countDown();
                                }
                            }
                        });
                CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
                        () -> runner.start(plan, new RunControl()));
                assertTrue(midway.await(60, TimeUnit.SECONDS), "the backfill never got a fifth of the way");
                pg.stopFast();
                long atStop = seen.get();
                Thread.sleep(3000);
                assertFalse(run.isDone(), "the run must wait for the server");
                pg.start();
                RunResult r = run.get(180, TimeUnit.SECONDS);
                assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
                assertTrue(atStop < rows, "stopped mid-way: " + atStop);
            }
            assertEquals(0, pg.query("run_restart", "SELECT count(*) FROM t WHERE n > 1"), "a row updated twice");
            assertEquals(rows, pg.query("run_restart", "SELECT count(*) FROM t WHERE n = 1"));
            assertEquals(rows, pg.query("run_restart", "SELECT sum(rows_done) FROM phasewise.backfill_ranges"));
            assertEquals(1, pg.query("run_restart", "SELECT count(*) FROM phasewise.backfill_jobs WHERE state = 'done'"));
            assertEquals(1, pg.query("run_restart", "SELECT count(*) FROM phasewise.runs WHERE status = 'succeeded'"));
        }
    }
}
