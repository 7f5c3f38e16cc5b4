package dev.phasewise.run.backfill;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.testing.RestartablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.phasewise.run.backfill.BackfillFixtures.bigintTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server restarts in the middle of a backfill (its own embedded PostgreSQL, stopped and started
 * again on the same directory and port): the workers reconnect, re-read their checkpoints and finish,
 * and every row is updated exactly once. The SET is {@code n = n + 1} with no filter, so a batch done
 * twice would show as n = 2. When the server stays down, the job fails after its bounded wait, saying so.
 */
class BackfillServerRestartIT {
    private static final int ROWS = 60_000;
    private static RestartablePostgres pg;

    @BeforeAll
    static void server() {
        pg = RestartablePostgres.start(Path.of("target", "restart-pg-backfill"));
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private static Database open(String name) {
        return Database.open(ConnectionSettings.parse(pg.url(name)));
    }

    @Test
    void oneWorkerSurvivesAFastShutdownAndRestart() throws Exception {
        restartMidway("bf_restart_one", 1, false);
    }

    @Test
    void twoWorkersSurviveAnImmediateShutdownAndRestart() throws Exception {
        restartMidway("bf_restart_two", 2, true);
    }

    private void restartMidway(String name, int workers, boolean immediate) throws Exception {
        pg.database(name, bigintTable(ROWS));
        long rows = pg.query(name, "SELECT count(*) FROM t");
        BackfillJob job = BackfillJob.builder("t", "n = n + 1").jobId("restart").batchRows(300).sleepMs(10)
                .workers(workers).build();
        AtomicLong seen = new AtomicLong();
        CountDownLatch midway = new CountDownLatch(1);
        List<BackfillEvent> events = new CopyOnWriteArrayList<>();
        BackfillListener listener = new BackfillListener() {
            @Override
            public void onProgress(BackfillProgress p) {
                seen.set(p.rowsDone());
                if (p.rowsDone() >= rows / 5) {
                    midway.countDown();
                }
            }

            @Override
            public void onEvent(BackfillEvent e) {
                events.add(e);
            }
        };
        try (Database db = open(name)) {
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(
                    () -> new BackfillExecutor(db).execute(job, new BackfillControl(), listener));
            assertTrue(midway.await(60, TimeUnit.SECONDS), "the backfill never got a fifth of the way");
            if (immediate) {
                pg.stopImmediate();
            } else {
                pg.stopFast();
            }
            long atStop = seen.get();
            Thread.sleep(3000);
            assertTrue(!run.isDone(), "the backfill must wait for the server, not end: " + (run.isDone() ? run.get() : ""));
            pg.start();
            BackfillOutcome o = run.get(120, TimeUnit.SECONDS);

            assertEquals(BackfillState.DONE, o.state(), String.valueOf(o.error()));
            assertTrue(atStop < rows, "the server stopped before the end (" + atStop + " of " + rows + ")");
            assertTrue(o.retries() > 0, "the lost connections were retried");
            assertTrue(events.stream().anyMatch(e -> e.kind() == BackfillEvent.Kind.RECONNECTED), events.toString());
            assertEquals(rows, o.rowsTotal());
        }
        // on a failure, what the table and the checkpoints hold, to find where rows were lost or repeated
        String evidence = "\nrows by n: " + pg.rows(name, "SELECT n, count(*), min(id), max(id) FROM t GROUP BY n ORDER BY n")
                + "ranges (worker | start | end | checkpoint | rows_done | done):\n" + pg.rows(name, "SELECT worker, "
                + "range_start, range_end, checkpoint, rows_done, done FROM phasewise.backfill_ranges WHERE job_id = "
                + "'restart' ORDER BY worker") + "events: " + events;
        assertEquals(0, pg.query(name, "SELECT count(*) FROM t WHERE n > 1"), "a row was updated twice" + evidence);
        if (workers == 2) {
            // the key range is split at the middle row in key order (numeric here, not text order)
            long first = pg.query(name, "SELECT count(*) FROM t WHERE id <= (SELECT range_end[1]::bigint FROM "
                    + "phasewise.backfill_ranges WHERE job_id = 'restart' AND worker = 0)");
            assertEquals(rows / 2, first, "worker 0's range holds half the rows" + evidence);
        }
        assertEquals(rows, pg.query(name, "SELECT count(*) FROM t WHERE n = 1"), "every row updated" + evidence);
        assertEquals(rows, pg.query(name, "SELECT sum(rows_done) FROM phasewise.backfill_ranges WHERE job_id = 'restart'"));
        assertEquals(1, pg.query(name, "SELECT count(*) FROM phasewise.backfill_jobs WHERE job_id = 'restart' "
                + "AND state = 'done'"), "the job is recorded done");
    }

    @Test
    void aServerThatStaysDownFailsTheJobAfterTheBoundedWait() throws Exception {
        String name = "bf_restart_down";
        pg.database(name, bigintTable(ROWS));
        BackfillJob job = BackfillJob.builder("t", "n = n + 1").jobId("down").batchRows(300).sleepMs(10)
                .reconnectPatience(Duration.ofSeconds(4)).build();
        CountDownLatch started = new CountDownLatch(1);
        try (Database db = open(name)) {
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() -> new BackfillExecutor(db)
                    .execute(job, new BackfillControl(), p -> {
                        if (p.rowsDone() > 0) {
                            started.countDown();
                        }
                    }));
            assertTrue(started.await(60, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            pg.stopFast();
            BackfillOutcome o;
            try {
                o = run.get(60, TimeUnit.SECONDS);
            } finally {
                pg.start();
            }
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(BackfillState.FAILED, o.state());
            String message = o.error().getMessage();
            assertTrue(message.contains("could not reconnect") && message.contains("4 s")
                    && message.contains("run it again"), message);
            assertTrue(waited >= 4000 && waited < 30_000, "gave up after " + waited + " ms");
        }
        // what was committed before is consistent: the checkpoint counts exactly the updated rows
        assertEquals(0, pg.query(name, "SELECT count(*) FROM t WHERE n > 1"));
        assertEquals(pg.query(name, "SELECT count(*) FROM t WHERE n = 1"),
                pg.query(name, "SELECT sum(rows_done) FROM phasewise.backfill_ranges WHERE job_id = 'down'"));
    }
}
