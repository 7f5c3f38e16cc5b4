package dev.phasewise.run.backfill;

import java.time.Duration;

/**
 * Limits that pause a backfill between batches while exceeded, and let it continue once they are
 * met again. Each limit is optional (null = not watched).
 *
 * @param maxLagBytes    largest replay lag of any replica in {@code pg_stat_replication}, in bytes of WAL
 * @param maxLag         largest {@code replay_lag} of any replica
 * @param maxLockWaiters most sessions (other than the backfill's own) waiting for a lock on the table, or for a
 *                       row lock of it ({@code pg_locks}, ungranted)
 */
public record BackfillGuards(Long maxLagBytes, Duration maxLag, Integer maxLockWaiters) {
    public static final BackfillGuards NONE = new BackfillGuards(null, null, null);

    public BackfillGuards {
        if (maxLagBytes != null && maxLagBytes < 0 || maxLag != null && maxLag.isNegative()
                || maxLockWaiters != null && maxLockWaiters < 0) {
            throw new IllegalArgumentException("guard limits must not be negative");
        }
    }

    public boolean watchesReplicas() {
        return maxLagBytes != null || maxLag != null;
    }

    public BackfillGuards withMaxLockWaiters(Integer n) {
        return new BackfillGuards(maxLagBytes, maxLag, n);
    }

    public BackfillGuards withMaxLag(Duration d) {
        return new BackfillGuards(maxLagBytes, d, maxLockWaiters);
    }

    public BackfillGuards withMaxLagBytes(Long b) {
        return new BackfillGuards(b, maxLag, maxLockWaiters);
    }
}
