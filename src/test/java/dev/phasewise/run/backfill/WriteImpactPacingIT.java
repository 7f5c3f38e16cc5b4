package dev.phasewise.run.backfill;

import dev.phasewise.db.Database;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.phasewise.run.backfill.BackfillFixtures.bigintTable;
import static dev.phasewise.run.backfill.BackfillFixtures.connect;
import static dev.phasewise.run.backfill.BackfillFixtures.database;
import static dev.phasewise.run.backfill.BackfillFixtures.open;
import static dev.phasewise.run.backfill.BackfillFixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pacing by measured write impact against a real PostgreSQL 17: the probe's baseline, the pacing
 * climbing when the probe writes are slowed (by another session holding the probe's row, as a
 * busy server would delay them), exactly-once results, and the probe row gone afterwards.
 */
class WriteImpactPacingIT {

    private static List<String> pacing(List<BackfillEvent> events) {
        return events.stream().filter(e -> e.kind() == BackfillEvent.Kind.PACING).map(BackfillEvent::message).toList();
    }

    @Test
    void slowedProbeWritesMakeThePacingClimbAndTheBackfillStillFinishesExactlyOnce() throws Exception {
        String name = "bf_impact";
        database(name, bigintTable(6_000));
        long rows = query(name, "SELECT count(*) FROM t");
        List<BackfillEvent> events = new CopyOnWriteArrayList<>();
        List<BackfillProgress> states = new CopyOnWriteArrayList<>();
        AtomicBoolean measured = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchMs(5).maxWriteImpact(1.5).jobId("impact").build();
        BackfillOutcome o;
        CompletableFuture<Integer> disturber;
        try (Database db = open(name)) {
            // after the baseline, another session holds the probe's row 30 ms of every 60 ms: probe writes wait
            disturber = CompletableFuture.supplyAsync(() -> {
                int holds = 0;
                try (Connection c = connect(name)) {
                    while (!measured.get() && !stop.get()) {
                        Thread.sleep(5);
                    }
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT 1 FROM phasewise.backfill_probe WHERE job_id = 'impact' FOR UPDATE")) {
                        while (!stop.get()) {
                            ps.executeQuery().close();
                            Thread.sleep(30);
                            c.commit();
                            holds++;
                            Thread.sleep(30);
                        }
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return holds;
            });
            o = new BackfillExecutor(db).execute(job, new BackfillControl(), new BackfillListener() {
                @Override
                public void onProgress(BackfillProgress p) {
                    states.add(p);
                }

                @Override
                public void onEvent(BackfillEvent e) {
                    events.add(e);
                    if (e.kind() == BackfillEvent.Kind.PACING) {
                        measured.set(true);
                    }
                }
            });
        } finally {
            stop.set(true);
        }
        int holds = disturber.get(30, TimeUnit.SECONDS);
        assertEquals(BackfillState.DONE, o.state(), String.valueOf(o.error()));
        assertEquals(rows, o.rowsUpdated());
        assertEquals(0, query(name, "SELECT count(*) FROM t WHERE n <> 1"), "every row exactly once");
        List<String> pacing = pacing(events);
        assertTrue(pacing.get(0).startsWith("write probe before the backfill: p99 "), pacing.get(0));
        assertTrue(pacing.get(0).contains("over 500 writes"), pacing.get(0));
        assertTrue(pacing.get(0).endsWith("starting at ~5 ms batches, sleep 19x their duration"), pacing.get(0));
        assertTrue(holds > 0);
        assertTrue(pacing.stream().anyMatch(m -> m.startsWith("pacing up: ")
                        && m.endsWith("now ~5 ms batches, sleep 49x their duration")),
                "the slowed probe made the pacing climb: " + pacing);
        assertTrue(pacing.stream().noneMatch(m -> m.startsWith("pacing down")), "never down while slowed: " + pacing);
        assertTrue(states.stream().anyMatch(p -> p.state() == BackfillState.WAITING
                        && "measuring the latency of writes before the first batch".equals(p.waitReason())),
                "the baseline shows as a wait");
        assertEquals(0, query(name, "SELECT count(*) FROM phasewise.backfill_probe"), "the probe's row is removed");
    }

    @Test
    void theSleepsFollowThePacingRung() throws Exception {
        String name = "bf_impact_sleep";
        database(name, bigintTable(3_000));
        BackfillJob job = BackfillJob.builder("t", "n = n + 1").batchRows(500).maxWriteImpact(2.0).jobId("sleeps").build();
        List<BackfillEvent> events = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        BackfillOutcome o;
        try (Database db = open(name)) {
            o = new BackfillExecutor(db).execute(job, new BackfillControl(), new BackfillListener() {
                @Override
                public void onProgress(BackfillProgress p) {
                }

                @Override
                public void onEvent(BackfillEvent e) {
                    events.add(e);
                }
            });
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(BackfillState.DONE, o.state(), String.valueOf(o.error()));
        assertEquals(0, query(name, "SELECT count(*) FROM t WHERE n <> 1"), "every row exactly once");
        // starting at ratio 19 with 5 ms batches: the batches (at most 500 rows) each sleep 19x their
        // duration, so the run takes at least the baseline plus 19x the batches' own time
        long batchMillis = o.p50Millis() * o.batches();
        assertTrue(took.toMillis() >= 4_500 + 19 * batchMillis * 8 / 10,
                "took " + took.toMillis() + " ms for " + o.batches() + " batches of p50 " + o.p50Millis() + " ms");
        assertTrue(o.batches() >= 6, "the 500-row cap holds: " + o.batches() + " batches");
    }

    @Test
    void cancelledWhileMeasuringTheBaselineWritesNothing() throws Exception {
        String name = "bf_impact_cancel";
        database(name, bigintTable(2_000));
        BackfillControl control = new BackfillControl();
        BackfillJob job = BackfillJob.builder("t", "n = n + 1").maxWriteImpact(1.5).jobId("cancel").build();
        BackfillOutcome o;
        try (Database db = open(name)) {
            o = new BackfillExecutor(db).execute(job, control, new BackfillListener() {
                @Override
                public void onProgress(BackfillProgress p) {
                    if (p.state() == BackfillState.WAITING) {
                        control.cancel();
                    }
                }
            });
        }
        assertEquals(BackfillState.CANCELLED, o.state());
        assertEquals(0, o.rowsUpdated());
        assertEquals(0, query(name, "SELECT count(*) FROM t WHERE n <> 0"), "nothing written");
        assertEquals(1, query(name, "SELECT count(*) FROM phasewise.backfill_jobs WHERE job_id = 'cancel' "
                + "AND state = 'cancelled'"));
    }

    @Test
    void aLimitOfOneOrLessIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackfillJob.builder("t", "n = 1").maxWriteImpact(1.0).build());
        assertTrue(e.getMessage().contains("write impact limit must be more than 1"), e.getMessage());
    }
}
