package dev.phasewise.run.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * VACUUM of the table after every vacuumEveryRows updated rows (when the job asks for it), so that
 * the dead row versions a long backfill leaves behind are reclaimed while it runs. One per run: the
 * rows are counted over all workers, and one worker at a time vacuums while the others go on.
 */
final class PostBatchVacuum {
    private final BackfillRun run;
    private final AtomicLong rowsSince = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();

    PostBatchVacuum(BackfillRun run) {
        this.run = run;
    }

    /**
     * Counts a batch's rows; true when a VACUUM is due and no other worker runs one, and then the
     * caller runs it with {@link #vacuum} and calls {@link #release} after, whatever happens.
     */
    boolean claim(long updated) {
        Long every = run.job.vacuumEveryRows();
        if (every == null) {
            return false;
        }
        if (rowsSince.addAndGet(updated) < every || !running.compareAndSet(false, true)) {
            return false;
        }
        rowsSince.set(0);
        return true;
    }

    /**
     * Runs VACUUM (SKIP_LOCKED) on the worker's session, outside a transaction as VACUUM must be.
     *
     * @param sending told the statement before it is sent, for the failure message if it fails
     */
    void vacuum(Connection c, int worker, Consumer<String> sending) throws SQLException {
        long t0 = System.nanoTime();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            String sql = "VACUUM (SKIP_LOCKED) " + run.target.qualifiedName();
            sending.accept(sql);
            st.execute(sql);
        } finally {
            c.setAutoCommit(false);
        }
        run.event(BackfillEvent.Kind.VACUUM, worker, "VACUUM " + run.target.display() + " took "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    void release() {
        running.set(false);
    }
}
