package dev.phasewise.run.backfill;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.phasewise.run.backfill.BackfillFixtures.bigintTable;
import static dev.phasewise.run.backfill.BackfillFixtures.database;
import static dev.phasewise.run.backfill.BackfillFixtures.query;
import static dev.phasewise.run.backfill.BackfillFixtures.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Design §6: kill the backfill (SIGKILL, a separate JVM) at random moments, run it again, and every
 * row is updated exactly once. The SET has no filter ({@code n = n + 1}), so only the checkpoint
 * written in the batch's own transaction can keep a row from being updated twice.
 */
class BackfillCrashIT {

    private record Run(boolean finished, int exit, List<String> lines) {
    }

    /** Starts the backfill JVM; kills it {@code killAfterMillis} after its first progress line, or lets it finish (-1). */
    private static Run run(String db, String set, String where, long killAfterMillis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BackfillCrashMain.class.getName(), url(db), "t", set, where == null ? "-" : where, "100", "10", "crash");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        CountDownLatch firstProgress = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("progress")) {
                        firstProgress.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // killed
            }
        });
        reader.start();
        if (killAfterMillis >= 0) {
            firstProgress.await(60, TimeUnit.SECONDS);
            if (!p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the client
                p.waitFor(30, TimeUnit.SECONDS);
                reader.join(5000);
                return new Run(false, -9, lines);
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the backfill JVM did not finish: " + lines);
        reader.join(5000);
        return new Run(true, p.exitValue(), lines);
    }

    @Test
    void killedAtRandomMomentsAndResumedEveryRowIsUpdatedExactlyOnce() throws Exception {
        String db = "bf_crash";
        database(db, bigintTable(35_000));
        long rows = query(db, "SELECT count(*) FROM t");
        Random random = new Random();
        int kills = 0;
        for (int i = 0; i < 5; i++) {
            Run r = run(db, "n = n + 1", null, 50 + random.nextInt(400));
            if (r.finished()) {
                break;
            }
            kills++;
            long done = query(db, "SELECT count(*) FROM t WHERE n = 1");
            // after each kill: exactly the rows the checkpoints count, none twice
            assertEquals(0, query(db, "SELECT count(*) FROM t WHERE n > 1"), "a row updated twice after kill " + kills);
            assertEquals(done, query(db, "SELECT coalesce(sum(rows_done), 0) FROM phasewise.backfill_ranges "
                    + "WHERE job_id = 'crash'"), "checkpoint and rows disagree after kill " + kills);
        }
        assertTrue(kills >= 3, "the backfill should have been killed mid-run at least three times, was " + kills);
        Run last = run(db, "n = n + 1", null, -1);
        assertEquals(0, last.exit(), last.lines().toString());
        assertTrue(last.lines().stream().anyMatch(l -> l.startsWith("outcome DONE")), last.lines().toString());
        assertEquals(rows, query(db, "SELECT count(*) FROM t WHERE n = 1"));
        assertEquals(0, query(db, "SELECT count(*) FROM t WHERE n <> 1"));
        assertEquals(rows, query(db, "SELECT sum(rows_done) FROM phasewise.backfill_ranges WHERE job_id = 'crash'"));
    }

    /**
     * A batched delete on the same engine: killed at random moments, the rows gone are exactly the rows its
     * checkpoints count (each batch deletes and checkpoints in one transaction), and run again it finishes
     * with exactly the rows its WHERE keeps.
     */
    @Test
    void aBatchedDeleteKilledAndResumedDeletesExactlyTheMatchingRows() throws Exception {
        String db = "bf_crash_delete";
        database(db, bigintTable(35_000));
        long rows = query(db, "SELECT count(*) FROM t");
        long kept = query(db, "SELECT count(*) FROM t WHERE id % 2 = 0");
        Random random = new Random();
        int kills = 0;
        for (int i = 0; i < 5; i++) {
            Run r = run(db, "DELETE", "id % 2 = 1", 50 + random.nextInt(400));
            if (r.finished()) {
                break;
            }
            kills++;
            assertEquals(kept, query(db, "SELECT count(*) FROM t WHERE id % 2 = 0"), "a row the WHERE keeps was deleted");
            assertEquals(rows - query(db, "SELECT count(*) FROM t"), query(db, "SELECT coalesce(sum(rows_done), 0) "
                    + "FROM phasewise.backfill_ranges WHERE job_id = 'crash'"), "checkpoint and rows disagree after kill "
                    + kills);
        }
        assertTrue(kills >= 2, "the delete should have been killed mid-run at least twice, was " + kills);
        Run last = run(db, "DELETE", "id % 2 = 1", -1);
        assertEquals(0, last.exit(), last.lines().toString());
        assertTrue(last.lines().stream().anyMatch(l -> l.startsWith("outcome DONE")), last.lines().toString());
        assertEquals(kept, query(db, "SELECT count(*) FROM t"));
        assertEquals(0, query(db, "SELECT count(*) FROM t WHERE id % 2 = 1"));
        assertEquals(rows - kept, query(db, "SELECT sum(rows_done) FROM phasewise.backfill_ranges WHERE job_id = 'crash'"));
        assertEquals(1, query(db, "SELECT count(*) FROM phasewise.backfill_jobs WHERE job_id = 'crash' "
                + "AND set_clause IS NULL"), "a delete job is stored without a SET");
    }

    @Test
    void withAFilterTheRerunsAreIdempotentToo() throws Exception {
        String db = "bf_crash_filter";
        database(db, bigintTable(20_000));
        long rows = query(db, "SELECT count(*) FROM t");
        for (int i = 0; i < 2; i++) {
            run(db, "summary = upper(body), n = n + 1", "summary IS NULL", 100 + i * 300L);
        }
        Run last = run(db, "summary = upper(body), n = n + 1", "summary IS NULL", -1);
        assertEquals(0, last.exit(), last.lines().toString());
        assertEquals(rows, query(db, "SELECT count(*) FROM t WHERE n = 1 AND summary = upper(body)"));
    }
}
