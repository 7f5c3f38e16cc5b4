package dev.phasewise.run.backfill;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher between batches: it repeats the last snapshot with its clock moved on (elapsed up,
 * ETA down, the age of the batch in flight up), at least every {@link ProgressDispatcher#REFRESH_NANOS},
 * keeps the measured figures as they were, counts the batch's age from the last commit it saw, and stops
 * repeating once the backfill has finished.
 */
class ProgressDispatcherTest {

    /** What the listener received, and when. */
    private record Got(BackfillProgress p, long nanos) {
    }

    private static BackfillProgress snapshot(BackfillState state, long rows, long batches, Duration elapsed,
                                             Duration eta) {
        return new BackfillProgress("job", state, rows, 1000, 50.0, eta, 10, 20, 15, 30, batches, 0, null, 1,
                elapsed);
    }

    @Test
    void betweenBatchesTheLastSnapshotComesAgainWithItsClockMovedOn() throws Exception {
        List<Got> got = new CopyOnWriteArrayList<>();
        try (ProgressDispatcher d = new ProgressDispatcher("job", p -> got.add(new Got(p, System.nanoTime())))) {
            long handed = System.nanoTime();
            d.progress(snapshot(BackfillState.RUNNING, 300, 3, Duration.ofSeconds(6), Duration.ofSeconds(14)));
            Thread.sleep(600);
            assertTrue(got.size() >= 5, got.size() + " deliveries in 600 ms: " + got);
            for (int i = 0; i < got.size(); i++) {
                BackfillProgress p = got.get(i).p();
                assertEquals(300, p.rowsDone(), "rows stay at the last commit");
                assertEquals(3, p.batches());
                assertEquals(50.0, p.rowsPerSecond(), "the rate last measured");
                long since = got.get(i).nanos() - handed;
                // elapsed and ETA moved on by the time since the snapshot was handed over (to within 50 ms)
                assertEquals(6000 + since / 1_000_000, p.elapsed().toMillis(), 50, "elapsed of " + p);
                assertEquals(14_000 - since / 1_000_000, p.eta().toMillis(), 50, "ETA of " + p);
                if (i > 0) {
                    BackfillProgress before = got.get(i - 1).p();
                    assertTrue(p.elapsed().compareTo(before.elapsed()) > 0, "elapsed grows");
                    assertTrue(p.eta().compareTo(before.eta()) < 0, "ETA counts down");
                    assertTrue(p.sinceCommit().compareTo(before.sinceCommit()) > 0, "the batch in flight ages");
                    long gap = got.get(i).nanos() - got.get(i - 1).nanos();
                    assertTrue(gap < ProgressDispatcher.REFRESH_NANOS + 100_000_000L, "a delivery "
                            + gap / 1_000_000 + " ms after the one before");
                }
            }
        }
    }

    @Test
    void theBatchInFlightIsAsOldAsTheLastCommitTheDispatcherSaw() throws Exception {
        List<Got> got = new CopyOnWriteArrayList<>();
        try (ProgressDispatcher d = new ProgressDispatcher("job", p -> got.add(new Got(p, System.nanoTime())))) {
            // before the first commit: as old as the run
            long started = System.nanoTime() - 2_000_000_000L;
            d.progress(snapshot(BackfillState.RUNNING, 0, 0, Duration.ofSeconds(2), null));
            Thread.sleep(300);
            Got first = got.get(got.size() - 1);
            assertEquals((first.nanos() - started) / 1_000_000, first.p().sinceCommit().toMillis(), 50,
                    "since the run started: " + first.p().sinceCommit());
            assertNull(first.p().eta(), "no rate yet: no ETA, refreshed or not");
            // a commit: the age starts again
            long committed = System.nanoTime();
            d.progress(snapshot(BackfillState.RUNNING, 10, 1, Duration.ofMillis(2400), Duration.ofSeconds(20)));
            Thread.sleep(250);
            // a change of state, no commit: the batch in flight keeps its age
            d.progress(snapshot(BackfillState.WAITING, 10, 1, Duration.ofMillis(2650), Duration.ofSeconds(20)));
            Thread.sleep(200);
            Got last = got.get(got.size() - 1);
            assertEquals(BackfillState.WAITING, last.p().state());
            assertEquals((last.nanos() - committed) / 1_000_000, last.p().sinceCommit().toMillis(), 50,
                    "since the commit, not since the state change: " + last.p().sinceCommit());
            assertTrue(last.p().sinceCommit().toMillis() >= 250, last.p().sinceCommit().toString());
        }
    }

    @Test
    void aFinishedBackfillIsNotRepeated() throws Exception {
        List<BackfillProgress> got = new CopyOnWriteArrayList<>();
        try (ProgressDispatcher d = new ProgressDispatcher("job", got::add)) {
            d.progress(snapshot(BackfillState.DONE, 1000, 100, Duration.ofSeconds(20), Duration.ZERO));
            Thread.sleep(400);
            assertEquals(1, got.size(), "the final snapshot, once: " + got);
        }
        assertEquals(1, got.size());
    }

    @Test
    void anAdvancedEtaCountsDownToZeroOnlyWhileBatchesRun() {
        BackfillProgress p = snapshot(BackfillState.RUNNING, 990, 99, Duration.ofSeconds(19), Duration.ofMillis(200));
        BackfillProgress later = p.advanced(Duration.ofMillis(500), Duration.ofMillis(700));
        assertEquals(Duration.ZERO, later.eta());
        assertEquals(Duration.ofMillis(19_500), later.elapsed());
        assertEquals(Duration.ofMillis(700), later.sinceCommit());
        assertNull(p.sinceCommit(), "the engine's own snapshots leave it to the dispatcher");
        BackfillProgress paused = snapshot(BackfillState.PAUSED, 500, 50, Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(10), paused.advanced(Duration.ofSeconds(3), Duration.ofSeconds(4)).eta(),
                "paused, no work is done: the ETA stays");
    }
}
