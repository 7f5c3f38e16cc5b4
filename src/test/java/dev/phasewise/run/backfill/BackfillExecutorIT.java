package dev.phasewise.run.backfill;

import dev.phasewise.db.Database;
import dev.phasewise.plan.steps.Backfill;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static dev.phasewise.run.backfill.BackfillFixtures.bigintTable;
import static dev.phasewise.run.backfill.BackfillFixtures.connect;
import static dev.phasewise.run.backfill.BackfillFixtures.database;
import static dev.phasewise.run.backfill.BackfillFixtures.open;
import static dev.phasewise.run.backfill.BackfillFixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill engine against a real PostgreSQL 17: keyset correctness, workers, locks, lost connections, control. */
class BackfillExecutorIT {

    /** Every row updated exactly once: n = 1 everywhere. */
    private static void assertExactlyOnce(String db, String table, long rows) throws SQLException {
        assertEquals(rows, query(db, "SELECT count(*) FROM " + table));
        assertEquals(0, query(db, "SELECT count(*) FROM " + table + " WHERE n <> 1"),
                "rows not updated exactly once in " + table);
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void bigintKeyWithGapsAndAFilterUpdatesExactlyTheMatchingRows() throws Exception {
        String name = "bf_bigint";
        database(name, bigintTable(30_000)[0], bigintTable(30_000)[1],
                "UPDATE t SET summary = 'kept' WHERE id % 10 = 0");
        long total = query(name, "SELECT count(*) FROM t");
        long toDo = query(name, "SELECT count(*) FROM t WHERE summary IS NULL");
        try (Database db = open(name)) {
            BackfillJob job = BackfillJob.builder("t", "summary = left(body, 12), n = n + 1").where("summary IS NULL")
                    .batchRows(1000).jobId("bigint").build();
            BackfillOutcome o = new BackfillExecutor(db).execute(job);
            assertEquals(BackfillState.DONE, o.state());
            assertEquals(toDo, o.rowsUpdated());
            assertFalse(o.resumed());
        }
        assertEquals(0, query(name, "SELECT count(*) FROM t WHERE summary IS NULL"));
        assertEquals(toDo, query(name, "SELECT count(*) FROM t WHERE n = 1 AND summary = left(body, 12)"));
        assertEquals(total - toDo, query(name, "SELECT count(*) FROM t WHERE n = 0 AND summary = 'kept'"));
        assertEquals(toDo, query(name, "SELECT sum(rows_done) FROM phasewise.backfill_ranges WHERE job_id = 'bigint'"));
        assertEquals(1, query(name, "SELECT count(*) FROM phasewise.backfill_jobs WHERE job_id = 'bigint' "
                + "AND state = 'done' AND finished IS NOT NULL"));
        // run again: nothing left to do, nothing updated twice
        try (Database db = open(name)) {
            BackfillOutcome again = new BackfillExecutor(db).execute(BackfillJob.builder("t",
                    "summary = left(body, 12), n = n + 1").where("summary IS NULL").batchRows(1000).jobId("bigint").build());
            assertEquals(BackfillState.DONE, again.state());
            assertEquals(0, again.rowsUpdated());
        }
        assertEquals(0, query(name, "SELECT count(*) FROM t WHERE n > 1"));
    }

    /**
     * A job without SET deletes: two workers over a composite key delete exactly the rows its WHERE names, on a
     * {@code phasewise} schema made before batched deletes (set_clause NOT NULL), which it alters once; the same
     * job id with a SET is another job.
     */
    @Test
    void aDeleteJobDeletesExactlyTheMatchingRowsOnAnOlderCheckpointSchema() throws Exception {
        String name = "bf_delete";
        database(name, "CREATE SCHEMA app",
                "CREATE TABLE app.c (tenant int, code text, n int NOT NULL DEFAULT 0, PRIMARY KEY (tenant, code))",
                "INSERT INTO app.c (tenant, code) SELECT i % 97 * 5, 'k' || (i * 7) FROM generate_series(1, 25000) i",
                "CREATE SCHEMA phasewise",
                """
                CREATE TABLE phasewise.backfill_jobs (job_id text PRIMARY KEY, table_name text NOT NULL,
                    key_columns text[] NOT NULL, set_clause text NOT NULL, where_clause text, state text NOT NULL,
                    workers int NOT NULL, total_estimate bigint, created timestamptz NOT NULL DEFAULT now(),
                    updated timestamptz NOT NULL DEFAULT now(), finished timestamptz, error text)""");
        long keep = query(name, "SELECT count(*) FROM app.c WHERE tenant % 2 = 1");
        long gone = query(name, "SELECT count(*) FROM app.c WHERE tenant % 2 = 0");
        try (Database db = open(name)) {
            BackfillExecutor ex = new BackfillExecutor(db);
            BackfillJob job = BackfillJob.deleting("app.c").where("tenant % 2 = 0").batchRows(500).workers(2)
                    .jobId("del").build();
            assertTrue(job.deletes());
            assertEquals("DELETE FROM \"app\".\"c\" WHERE (\"tenant\", \"code\") > ($lo) AND (\"tenant\", \"code\") "
                    + "<= ($hi) AND (tenant % 2 = 0)", ex.validate(job).batchSqlTemplate());
            BackfillOutcome o = ex.execute(job);
            assertEquals(BackfillState.DONE, o.state(), String.valueOf(o.error()));
            assertEquals(gone, o.rowsUpdated());
            assertEquals(keep, query(name, "SELECT count(*) FROM app.c"));
            assertEquals(0, query(name, "SELECT count(*) FROM app.c WHERE tenant % 2 = 0"));
            assertEquals(2, query(name, "SELECT workers FROM phasewise.backfill_jobs WHERE job_id = 'del' "
                    + "AND set_clause IS NULL"));
            BackfillException e = assertThrows(BackfillException.class, () -> ex.execute(BackfillJob.builder("app.c",
                    "n = n + 1").where("tenant % 2 = 0").jobId("del").build()));
            assertTrue(e.getMessage().contains("exists already") && e.getMessage().contains("app.c delete"),
                    e.getMessage());
        }
    }

    @Test
    void uuidKeyWithoutAFilter() throws Exception {
        String name = "bf_uuid";
        database(name, "CREATE TABLE u (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), n int NOT NULL DEFAULT 0)",
                "INSERT INTO u (n) SELECT 0 FROM generate_series(1, 20000)");
        try (Database db = open(name)) {
            // replica guards on a server without replicas: checked (the query runs) and never exceeded
            BackfillOutcome o = new BackfillExecutor(db).execute(BackfillJob.builder("public.u", "n = n + 1")
                    .batchRows(777).guards(new BackfillGuards(1L, Duration.ofMillis(1), 5)).build());
            assertEquals(BackfillState.DONE, o.state());
            assertEquals(20_000, o.rowsUpdated());
            assertTrue(o.batches() >= 20_000 / 777);
        }
        assertExactlyOnce(name, "u", 20_000);
    }

    @Test
    void compositeKeyIsDetectedFromThePrimaryKeyAndWalkedWithRowComparison() throws Exception {
        String name = "bf_composite";
        database(name, "CREATE SCHEMA app",
                "CREATE TABLE app.c (tenant int, code text, n int NOT NULL DEFAULT 0, PRIMARY KEY (tenant, code))",
                // gaps in both columns, and codes whose text order differs from their numeric order
                "INSERT INTO app.c (tenant, code) SELECT i % 97 * 5, 'k' || (i * 7) FROM generate_series(1, 25000) i");
        try (Database db = open(name)) {
            BackfillExecutor ex = new BackfillExecutor(db);
            assertEquals(List.of("tenant", "code"), ex.validate(BackfillJob.builder("app.c", "n = n + 1").build())
                    .keyColumns());
            // two workers: the split point is a composite key too
            BackfillOutcome o = ex.execute(BackfillJob.builder("app.c", "n = n + 1").batchRows(999).workers(2)
                    .jobId("composite").build());
            assertEquals(BackfillState.DONE, o.state());
            assertEquals(25_000, o.rowsUpdated());
            assertEquals(2, query(name, "SELECT count(*) FROM phasewise.backfill_ranges WHERE job_id = 'composite' "
                    + "AND done AND rows_done > 0"));
            assertEquals(1, query(name, "SELECT count(*) FROM phasewise.backfill_ranges WHERE job_id = 'composite' "
                    + "AND worker = 0 AND cardinality(range_end) = 2"));
        }
        assertExactlyOnce(name, "app.c", 25_000);
    }

    @Test
    void keyValuesAreBoundSoThatTextUuidTimestampAndCompositeKeysAreEachWalkedExactlyOnce() throws Exception {
        String name = "bf_key_types";
        database(name,
                // text keys with quotes and backslashes, a quarter ending in one (inlined as a literal, such a
                // boundary would end in \' ); jsonb for a filter with the "?" operator
                "CREATE TABLE tk (k text PRIMARY KEY, n int NOT NULL DEFAULT 0, doc jsonb NOT NULL DEFAULT '{}')",
                "INSERT INTO tk (k) SELECT 'o''k\\' || lpad(i::text, 5, '0') || CASE i % 4 WHEN 0 THEN '\\' "
                        + "WHEN 1 THEN '''' WHEN 2 THEN '\\''' ELSE ' \\\\n' END FROM generate_series(1, 3000) i",
                "UPDATE tk SET doc = '{\"done\": 1}', n = 1 WHERE right(k, 1) = '\\' AND substr(k, 5, 5)::int % 8 = 0",
                "CREATE TABLE tu (id uuid PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO tu (id) SELECT md5(i::text)::uuid FROM generate_series(1, 3000) i",
                // timestamptz keys in microseconds, across a daylight-saving change of the session's time zone
                "CREATE TABLE tt (at timestamptz PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO tt (at) SELECT timestamptz '2024-03-31 00:00:00.000001+00' + i * interval '1.000001 s' "
                        + "FROM generate_series(1, 3000) i",
                "CREATE TABLE tc (name text, at timestamp, n int NOT NULL DEFAULT 0, PRIMARY KEY (name, at))",
                "INSERT INTO tc (name, at) SELECT 'it''s \\' || (i % 13), timestamp '2024-01-01' + i * interval '1 s' "
                        + "FROM generate_series(1, 3000) i",
                // a server where a backslash in a plain literal is an escape: what an inlined key would meet
                "ALTER DATABASE " + name + " SET standard_conforming_strings = off",
                "ALTER DATABASE " + name + " SET timezone = 'Europe/Paris'");
        long keysDone = query(name, "SELECT count(*) FROM tk WHERE n = 1");
        assertEquals(375, keysDone, "the keys ending in a backslash of every 8th row are done already");
        try (Database db = open(name)) {
            BackfillExecutor ex = new BackfillExecutor(db);
            // the "?" of the filter is jsonb's operator, not a parameter
            BackfillOutcome text = ex.execute(BackfillJob.builder("tk", "n = n + 1, doc = doc || '{\"done\": 1}'")
                    .where("NOT (doc ? 'done')").batchRows(7).workers(2).jobId("text").build());
            assertEquals(BackfillState.DONE, text.state(), String.valueOf(text.error()));
            assertEquals(3000 - keysDone, text.rowsUpdated());
            for (String table : List.of("tu", "tt", "tc")) {
                BackfillOutcome o = ex.execute(BackfillJob.builder(table, "n = n + 1").batchRows(11).workers(2)
                        .jobId(table).build());
                assertEquals(BackfillState.DONE, o.state(), table + ": " + o.error());
                assertEquals(3000, o.rowsUpdated(), table);
            }
        }
        for (String table : List.of("tk", "tu", "tt", "tc")) {
            assertExactlyOnce(name, table, 3000);
        }
        assertEquals(3000, query(name, "SELECT count(*) FROM tk WHERE doc ? 'done'"));
        // the checkpoints hold the keys as they are, backslashes and quotes included
        assertEquals(1, query(name, "SELECT count(*) FROM phasewise.backfill_ranges WHERE job_id = 'text' "
                + "AND worker = 0 AND range_end[1] IN (SELECT k FROM tk)"));
    }

    @Test
    void twoWorkersCoverDisjointRangesAndTheSplitIsKeptOnResume() throws Exception {
        String name = "bf_workers";
        database(name, bigintTable(45_000));
        long rows = query(name, "SELECT count(*) FROM t");
        java.util.Set<String> kinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (Database db = open(name)) {
            BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchRows(500).workers(2).jobId("w2").build();
            BackfillControl control = new BackfillControl();
            // cancel part-way, then resume with a different worker count: the stored split is used
            BackfillOutcome first = new BackfillExecutor(db).execute(job, control, p -> {
                if (p.rowsDone() > rows / 3) {
                    control.cancel();
                }
            });
            assertEquals(BackfillState.CANCELLED, first.state());
            assertEquals(first.rowsTotal(), query(name, "SELECT count(*) FROM t WHERE n = 1"));
            BackfillOutcome second = new BackfillExecutor(db).execute(job.toBuilder().workers(3).build(),
                    new BackfillControl(), new BackfillListener() {
                        public void onProgress(BackfillProgress p) {
                        }

                        public void onEvent(BackfillEvent e) {
                            kinds.add(e.kind().name());
                        }
                    });
            assertEquals(BackfillState.DONE, second.state());
            assertTrue(second.resumed());
            assertEquals(rows, second.rowsTotal());
            assertEquals(rows - first.rowsTotal(), second.rowsUpdated());
        }
        assertTrue(kinds.contains("RESUMED"), kinds.toString());
        assertExactlyOnce(name, "t", rows);
        assertEquals(2, query(name, "SELECT count(*) FROM phasewise.backfill_ranges WHERE job_id = 'w2' AND done"));
        // the ranges meet exactly: worker 0 ends where worker 1 starts, and both did work
        assertEquals(1, query(name, "SELECT count(*) FROM phasewise.backfill_ranges a JOIN phasewise.backfill_ranges b "
                + "ON a.job_id = b.job_id AND a.worker = 0 AND b.worker = 1 WHERE a.job_id = 'w2' "
                + "AND a.range_start IS NULL AND a.range_end = b.range_start AND b.range_end IS NULL"));
        assertEquals(0, query(name, "SELECT count(*) FROM phasewise.backfill_ranges WHERE job_id = 'w2' AND rows_done = 0"));
        assertEquals(rows, query(name, "SELECT sum(rows_done) FROM phasewise.backfill_ranges WHERE job_id = 'w2'"));
    }

    @Test
    void pauseResumeRetuneAndCancelFromAnotherThread() throws Exception {
        String name = "bf_control";
        database(name, bigintTable(40_000));
        long rows = query(name, "SELECT count(*) FROM t");
        List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
        AtomicReference<BackfillProgress> last = new AtomicReference<>();
        try (Database db = open(name)) {
            BackfillControl control = new BackfillControl();
            BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchRows(200).sleepMs(5).jobId("ctl").build();
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() ->
                    new BackfillExecutor(db).execute(job, control, p -> {
                        seen.add(p);
                        last.set(p);
                    }));
            await("some batches", () -> last.get() != null && last.get().rowsDone() > 2000, Duration.ofSeconds(30));
            control.pause();
            await("paused", () -> last.get().state() == BackfillState.PAUSED, Duration.ofSeconds(10));
            long atPause = query(name, "SELECT count(*) FROM t WHERE n = 1");
            Thread.sleep(400);
            assertEquals(atPause, query(name, "SELECT count(*) FROM t WHERE n = 1"), "no batch while paused");
            assertEquals("paused", last.get().waitReason());
            control.setBatchRows(1500);
            control.setSleepMs(0);
            control.resume();
            await("bigger batches", () -> last.get().batchRows() == 1500 && last.get().state() == BackfillState.RUNNING,
                    Duration.ofSeconds(10));
            control.setBatchMs(20);
            await("adaptive batches", () -> last.get().batchRows() != 1500, Duration.ofSeconds(10));
            control.setBatchRows(100);
            control.setSleepMs(20);
            control.cancel();
            BackfillOutcome o = run.get(60, TimeUnit.SECONDS);
            assertEquals(BackfillState.CANCELLED, o.state());
            assertTrue(o.rowsTotal() < rows);
            // the checkpoint is exact: the rows updated are exactly those the checkpoint counts
            assertEquals(o.rowsTotal(), query(name, "SELECT count(*) FROM t WHERE n = 1"));
            assertEquals(BackfillState.CANCELLED, last.get().state());
            BackfillOutcome rest = new BackfillExecutor(db).execute(job);
            assertEquals(BackfillState.DONE, rest.state());
            assertTrue(rest.resumed());
            assertEquals(rows, o.rowsTotal() + rest.rowsUpdated());
        }
        assertTrue(seen.stream().anyMatch(p -> p.p99Millis() > 0 || p.p50Millis() >= 0));
        assertExactlyOnce(name, "t", rows);
    }

    @Test
    void aSlowListenerDoesNotSlowTheBatches() throws Exception {
        String name = "bf_slow_listener";
        database(name, bigintTable(20_000));
        AtomicLong calls = new AtomicLong();
        try (Database db = open(name)) {
            BackfillOutcome o = new BackfillExecutor(db).execute(BackfillJob.builder("t", "n = n + 1").batchRows(100)
                    .build(), new BackfillControl(), p -> {
                        calls.incrementAndGet();
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
            assertEquals(BackfillState.DONE, o.state());
            // ~170 batches; a listener blocking the workers would have cost 50 s
            assertTrue(o.batches() > 100);
            assertTrue(calls.get() < o.batches(), "progress is coalesced for a slow listener");
        }
    }

    @Test
    void aRowLockTimesOutAndRetriesWithoutQueueingTheApplication() throws Exception {
        String name = "bf_locks";
        database(name, bigintTable(20_000));
        long rows = query(name, "SELECT count(*) FROM t");
        try (Database db = open(name); Connection holder = connect(name); Connection app = connect(name)) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT * FROM t WHERE id = 15000 FOR UPDATE");
            }
            BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchRows(1000).lockTimeout(Duration.ofMillis(150))
                    .jobId("locks").build();
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() -> new BackfillExecutor(db)
                    .execute(job));
            // the application keeps writing rows around the locked one, where the backfill's batch is stuck
            long maxApp = 0;
            long end = System.nanoTime() + 3_000_000_000L;
            try (Statement st = app.createStatement()) {
                while (System.nanoTime() < end) {
                    long id = 3L * ThreadLocalRandom.current().nextLong(4700, 5000);
                    long t0 = System.nanoTime();
                    st.executeUpdate("UPDATE t SET summary = 'app' WHERE id = " + id);
                    maxApp = Math.max(maxApp, (System.nanoTime() - t0) / 1_000_000);
                    Thread.sleep(5);
                }
            }
            assertFalse(run.isDone(), "the backfill waits for the row lock");
            holder.commit();
            BackfillOutcome o = run.get(120, TimeUnit.SECONDS);
            assertEquals(BackfillState.DONE, o.state());
            assertTrue(o.retries() > 3, "retries: " + o.retries());
            // never queued behind the backfill much longer than its lock_timeout (the holder kept its lock 3 s)
            assertTrue(maxApp < 1000, "an application write waited " + maxApp + " ms");
        }
        assertExactlyOnce(name, "t", rows);
    }

    @Test
    void aTableLockTakenMidRunMakesBatchesRetryUntilReleased() throws Exception {
        String name = "bf_table_lock";
        database(name, bigintTable(20_000));
        long rows = query(name, "SELECT count(*) FROM t");
        AtomicReference<BackfillProgress> last = new AtomicReference<>();
        try (Database db = open(name); Connection holder = connect(name)) {
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() -> new BackfillExecutor(db)
                    .execute(BackfillJob.builder("t", "n = n + 1").batchRows(500).sleepMs(10)
                            .lockTimeout(Duration.ofMillis(100)).build(), new BackfillControl(), last::set));
            await("some batches", () -> last.get() != null && last.get().rowsDone() > 1000, Duration.ofSeconds(30));
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE t IN SHARE MODE");
            }
            long during = query(name, "SELECT count(*) FROM t WHERE n = 1");
            Thread.sleep(1500);
            assertEquals(during, query(name, "SELECT count(*) FROM t WHERE n = 1"), "no batch commits under the lock");
            assertTrue(last.get().retries() >= 2, "retries: " + last.get().retries());
            holder.commit();
            BackfillOutcome o = run.get(60, TimeUnit.SECONDS);
            assertEquals(BackfillState.DONE, o.state());
            assertTrue(o.retries() >= 2, "retries: " + o.retries());
        }
        assertExactlyOnce(name, "t", rows);
    }

    @Test
    void aTerminatedBackendIsReconnectedAndTheRunCompletesExactlyOnce() throws Exception {
        String name = "bf_terminate";
        database(name, bigintTable(40_000));
        long rows = query(name, "SELECT count(*) FROM t");
        List<BackfillEvent> events = new CopyOnWriteArrayList<>();
        AtomicReference<BackfillProgress> last = new AtomicReference<>();
        try (Database db = open(name)) {
            BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchRows(300).sleepMs(3).workers(2)
                    .jobId("term").build();
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() -> new BackfillExecutor(db)
                    .execute(job, new BackfillControl(), new BackfillListener() {
                        public void onProgress(BackfillProgress p) {
                            last.set(p);
                        }

                        public void onEvent(BackfillEvent e) {
                            events.add(e);
                        }
                    }));
            long killed = 0;
            for (int round = 0; round < 3; round++) {
                long threshold = rows * (round + 1) / 5;
                await("rows past " + threshold, () -> last.get() != null && last.get().rowsDone() > threshold,
                        Duration.ofSeconds(60));
                killed += query(name, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name LIKE 'phasewise backfill w%'");
            }
            BackfillOutcome o = run.get(120, TimeUnit.SECONDS);
            assertEquals(BackfillState.DONE, o.state(), String.valueOf(o.error()));
            assertTrue(killed >= 3, "terminated " + killed);
            assertTrue(o.retries() >= 1);
        }
        assertTrue(events.stream().anyMatch(e -> e.kind() == BackfillEvent.Kind.RECONNECTED), events.toString());
        assertExactlyOnce(name, "t", rows);
    }

    @Test
    void theLockWaiterGuardPausesWhileExceededAndResumesAfter() throws Exception {
        String name = "bf_guard";
        database(name, bigintTable(20_000));
        long rows = query(name, "SELECT count(*) FROM t");
        List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
        try (Database db = open(name); Connection holder = connect(name); Connection w1 = connect(name);
             Connection w2 = connect(name)) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT * FROM t WHERE id = 3 FOR UPDATE");
            }
            List<CompletableFuture<Integer>> waiters = new ArrayList<>();
            for (Connection w : List.of(w1, w2)) {
                waiters.add(CompletableFuture.supplyAsync(() -> {
                    try (Statement st = w.createStatement()) {
                        return st.executeUpdate("UPDATE t SET summary = 'app' WHERE id = 3");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            Thread.sleep(300);
            BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchRows(1000)
                    .guards(BackfillGuards.NONE.withMaxLockWaiters(1)).jobId("guard").build();
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() -> new BackfillExecutor(db)
                    .execute(job, new BackfillControl(), seen::add));
            Thread.sleep(1500);
            assertFalse(run.isDone());
            assertEquals(0, query(name, "SELECT count(*) FROM t WHERE n = 1"), "no batch while the guard is exceeded");
            BackfillProgress waiting = seen.get(seen.size() - 1);
            assertEquals(BackfillState.WAITING, waiting.state());
            assertTrue(waiting.waitReason().contains("2 sessions wait for locks"), waiting.waitReason());
            holder.commit();
            for (CompletableFuture<Integer> w : waiters) {
                assertEquals(1, w.get(10, TimeUnit.SECONDS));
            }
            BackfillOutcome o = run.get(60, TimeUnit.SECONDS);
            assertEquals(BackfillState.DONE, o.state());
        }
        assertExactlyOnce(name, "t", rows);
    }

    @Test
    void aSleepRatioSleepsInProportionToEachBatchsDuration() throws Exception {
        String name = "bf_sleep_ratio";
        database(name, bigintTable(12_000));
        try (Database db = open(name)) {
            // each batch takes at least 20 ms (the sleep is evaluated once per statement)
            BackfillJob job = BackfillJob.builder("t", "n = n + (SELECT 1 FROM pg_sleep(0.02))").batchRows(1000)
                    .sleepRatio(4).jobId("ratio").build();
            BackfillOutcome o = new BackfillExecutor(db).execute(job);
            assertEquals(BackfillState.DONE, o.state(), String.valueOf(o.error()));
            // half the batches took at least the median, and each was followed by 4 times its own duration
            // of sleep (but the last): the run lasts at least 2 x batches x median
            long floor = 2 * (o.batches() - 1) * o.p50Millis();
            assertTrue(o.p50Millis() >= 20, "p50 " + o.p50Millis());
            assertTrue(o.duration().toMillis() >= floor, o.duration().toMillis() + " ms < " + floor + " ms for "
                    + o.batches() + " batches of p50 " + o.p50Millis() + " ms");
        }
        assertExactlyOnce(name, "t", query(name, "SELECT count(*) FROM t"));
    }

    @Test
    void badInputFailsBeforeAnyWrite() throws Exception {
        String name = "bf_bad";
        database(name, bigintTable(1000));
        try (Database db = open(name)) {
            BackfillExecutor ex = new BackfillExecutor(db);
            String[][] cases = {
                    {"nope", "n = 1", null, "table \"nope\" does not exist"},
                    {"t", "missing = 1", null, "\"missing\" is not a column of public.t"},
                    {"t", "n = n +", null, "syntax error"},
                    {"t", "n = 1; DROP TABLE t", null, "semicolon"},
                    {"t", "n = 1, summary = 'x'); DROP TABLE t; --", null, "unbalanced"},
                    {"t", "n = 1", "true; DELETE FROM t", "semicolon"},
                    {"t", "n = 1", "no_such_column IS NULL", "no_such_column"},
                    {"t", "id = id + 1", null, "key column"},
                    {"t", "n = $1", null, "parameter"},
                    {"t", "n = 1 -- comment", null, "comment"},
                    {"t", "n", null, "column = expression"},
            };
            for (String[] c : cases) {
                BackfillJob job = BackfillJob.builder(c[0], c[1]).where(c[2]).build();
                BackfillException e = assertThrows(BackfillException.class, () -> ex.execute(job), c[1]);
                assertTrue(e.getMessage().contains(c[3]), c[1] + " -> " + e.getMessage());
            }
            assertThrows(BackfillException.class, () -> ex.execute(BackfillJob.builder("t", "n = 1")
                    .keyColumns(List.of("summary")).build()), "a nullable key");
        }
        assertEquals(0, query(name, "SELECT count(*) FROM pg_namespace WHERE nspname = 'phasewise'"),
                "nothing written, not even the checkpoint schema");
        assertEquals(0, query(name, "SELECT count(*) FROM t WHERE n <> 0"));
    }

    @Test
    void anErrorInABatchStopsTheJobWithTheRangeTheSqlAndTheServerMessage() throws Exception {
        String name = "bf_error";
        database(name, bigintTable(5000));
        try (Database db = open(name)) {
            BackfillJob job = BackfillJob.builder("t", "n = n + 1 + 0 / (id - 3000)").batchRows(500).jobId("err").build();
            BackfillOutcome o = new BackfillExecutor(db).execute(job);
            assertEquals(BackfillState.FAILED, o.state());
            String m = o.error().getMessage();
            assertTrue(m.contains("division by zero") && m.contains("22012") && m.contains("batch after key ")
                    && m.contains("UPDATE \"public\".\"t\" SET \"n\" = (n + 1 + 0 / (id - 3000)) WHERE \"id\" > "), m);
            assertEquals("22012", o.error().sqlState());
            // the batches before the failing one are committed, and counted by the checkpoint
            assertEquals(o.rowsTotal(), query(name, "SELECT count(*) FROM t WHERE n = 1"));
            assertTrue(o.rowsTotal() > 0);
            assertEquals(1, query(name, "SELECT count(*) FROM phasewise.backfill_jobs WHERE job_id = 'err' "
                    + "AND state = 'failed' AND error LIKE '%division by zero%'"));
        }
    }

    @Test
    void aStatementTimeoutHalvesTheBatchAndRetries() throws Exception {
        String name = "bf_timeout";
        database(name, "CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO t (id) SELECT generate_series(1, 1500)");
        AtomicLong smallest = new AtomicLong(Long.MAX_VALUE);
        try (Database db = open(name)) {
            // ~1 ms a row: 800 rows take ~0.8 s, over the 300 ms statement timeout; 200 rows fit
            BackfillJob job = BackfillJob.builder("t", "n = n + 1 + (SELECT 0 FROM pg_sleep(0.001 + id * 0))").batchRows(800)
                    .statementTimeout(Duration.ofMillis(300)).build();
            BackfillOutcome o = new BackfillExecutor(db).execute(job, new BackfillControl(), p -> {
                if (p.batchRows() > 0) {
                    smallest.accumulateAndGet(p.batchRows(), Math::min);
                }
            });
            assertEquals(BackfillState.DONE, o.state(), String.valueOf(o.error()));
            assertTrue(o.retries() >= 2, "retries " + o.retries());
            assertTrue(smallest.get() <= 200, "batch size " + smallest.get());
        }
        assertExactlyOnce(name, "t", 1500);
    }

    @Test
    void aPlanStepBecomesAJobKeyedByRunAndStep() {
        Backfill step = new Backfill("fill-summary", null, "articles_article", null, "summary = left(body, 300)",
                "summary IS NULL", null, 200, 10);
        BackfillJob job = BackfillJob.from(step, "run-7");
        assertEquals("run-7/fill-summary", job.jobId());
        assertEquals(List.of(), job.keyColumns());
        assertEquals(200, job.batchMs());
        assertEquals(null, job.batchRows());
        assertEquals(10, job.sleepMs());
        assertEquals("summary IS NULL", job.where());
        BackfillJob paced = BackfillJob.from(new Backfill(null, null, "t", null, "n = 1", null, null, 5, null, 9.0, null,
                null), "r");
        assertEquals(9.0, paced.sleepRatio());
        BackfillJob fixed = BackfillJob.from(new Backfill(null, null, "t", "a, b", "n = 1", null, 300, null, null), "r");
        assertEquals(List.of("a", "b"), fixed.keyColumns());
        assertEquals(300, fixed.batchRows());
        assertEquals("r/backfill-t", fixed.jobId());
        assertEquals(BackfillJob.adHocId("t", List.of(), "n = 1", null),
                BackfillJob.builder("t", "n = 1").build().jobId());
        assertNotNull(BackfillExecutor.backoff(40));
        assertTrue(BackfillExecutor.backoff(40).toMillis() <= 10_000);
    }

    @Test
    void aSecondConcurrentRunOfTheSameJobIsRefused() throws Exception {
        String name = "bf_twice";
        database(name, bigintTable(20_000));
        AtomicBoolean started = new AtomicBoolean();
        try (Database db = open(name)) {
            BackfillControl control = new BackfillControl();
            BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchRows(200).sleepMs(20).jobId("twice").build();
            CompletableFuture<BackfillOutcome> run = CompletableFuture.supplyAsync(() ->
                    new BackfillExecutor(db).execute(job, control, p -> started.set(p.batches() > 0)));
            await("first batch", started::get, Duration.ofSeconds(30));
            BackfillException e = assertThrows(BackfillException.class, () -> new BackfillExecutor(db).execute(job));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
            control.cancel();
            assertEquals(BackfillState.CANCELLED, run.get(30, TimeUnit.SECONDS).state());
        }
    }

    @Test
    void vacuumRunsEveryNRowsOutsideATransaction() throws Exception {
        String name = "bf_vacuum";
        database(name, bigintTable(24_000));
        List<BackfillEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = open(name)) {
            BackfillOutcome o = new BackfillExecutor(db).execute(BackfillJob.builder("t", "n = n + 1").batchRows(1000)
                    .vacuumEveryRows(5000L).build(), new BackfillControl(), new BackfillListener() {
                        public void onProgress(BackfillProgress p) {
                        }

                        public void onEvent(BackfillEvent e) {
                            events.add(e);
                        }
                    });
            assertEquals(BackfillState.DONE, o.state());
        }
        long vacuums = events.stream().filter(e -> e.kind() == BackfillEvent.Kind.VACUUM).count();
        assertTrue(vacuums >= 3, events.toString());
        assertTrue(query(name, "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 't'") >= 1
                || vacuums >= 3);
    }
}
