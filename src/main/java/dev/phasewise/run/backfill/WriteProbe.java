package dev.phasewise.run.backfill;

import dev.phasewise.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Times what the backfill does to the application's writes by writing too: on its own session, one
 * single-row UPDATE of the job's row in {@code phasewise.backfill_probe}, committed as the server
 * commits the application's transactions, every {@link #INTERVAL_MS} ms. Such a write shares with
 * the application's what a backfill slows: the cores, the WAL and its flushes. It does not share the
 * table's pages; the row locks a batch takes are short anyway (batches of a few ms), and lock waits
 * have their own guard ({@link BackfillGuards#maxLockWaiters()}).
 *
 * <p>A probe that fails (a lost connection, a restart) reconnects quietly and misses samples: pacing
 * then holds its rung; the backfill itself never fails because of its probe.
 */
final class WriteProbe implements AutoCloseable {
    static final int INTERVAL_MS = 10;
    private static final long RECONNECT_WAIT_MS = 1000;

    private final Database db;
    private final String jobId;
    private Connection c;
    private PreparedStatement write;
    private Thread thread;
    private volatile boolean closing;

    private WriteProbe(Database db, String jobId) {
        this.db = db;
        this.jobId = jobId;
    }

    /** Opens the probe's session and its row; fails (naming why) when the database takes no writes from it. */
    static WriteProbe open(Database db, String jobId) throws SQLException {
        WriteProbe p = new WriteProbe(db, jobId);
        p.connect();
        return p;
    }

    private void connect() throws SQLException {
        try {
            c = db.newSession();
        } catch (RuntimeException e) {
            throw new SQLException("cannot connect: " + e.getMessage(), "08001", e);
        }
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = 'phasewise backfill probe'");
            st.execute("SET statement_timeout = '5s'");
            st.execute("SET lock_timeout = '1s'");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO phasewise.backfill_probe (job_id) VALUES (?) "
                + "ON CONFLICT (job_id) DO NOTHING")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
        write = c.prepareStatement("UPDATE phasewise.backfill_probe SET probed_at = clock_timestamp() WHERE job_id = ?");
        write.setString(1, jobId);
    }

    /** One probe write, timed in microseconds. */
    long once() throws SQLException {
        long t0 = System.nanoTime();
        write.executeUpdate();
        return (System.nanoTime() - t0) / 1000;
    }

    /** Times {@code n} writes at the probe's pace on the calling thread; fewer if {@code stop} says so. */
    long[] sample(int n, BooleanSupplier stop) throws SQLException {
        long[] out = new long[n];
        int i = 0;
        for (; i < n && !stop.getAsBoolean(); i++) {
            out[i] = once();
            pause(out[i]);
        }
        return i == n ? out : Arrays.copyOf(out, i);
    }

    /** Probes on a thread of its own until closed, handing every timing to {@code sink}. */
    void start(Consumer<Long> sink) {
        thread = new Thread(() -> loop(sink), "phasewise-backfill-probe " + jobId);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Consumer<Long> sink) {
        while (!closing) {
            try {
                if (write == null) {
                    connect();
                }
                long micros = once();
                sink.accept(micros);
                pause(micros);
            } catch (SQLException | RuntimeException e) {
                closeSession();
                sleep(RECONNECT_WAIT_MS);
            }
        }
    }

    private void pause(long tookMicros) {
        sleep(Math.max(1, INTERVAL_MS - tookMicros / 1000));
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            closing = true;
        }
    }

    private void closeSession() {
        write = null;
        BackfillExecutor.closeQuietly(c);
        c = null;
    }

    /** Stops probing and removes the job's probe row. */
    @Override
    public void close() {
        closing = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (c != null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM phasewise.backfill_probe WHERE job_id = ?")) {
                    ps.setString(1, jobId);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException ignored) {
            // the row is a few bytes; the next run of the job reuses it
        } finally {
            closeSession();
        }
    }
}
