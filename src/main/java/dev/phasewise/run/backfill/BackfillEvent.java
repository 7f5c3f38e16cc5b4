package dev.phasewise.run.backfill;

import java.time.Instant;

/**
 * A discrete event of a backfill, for logs and the run's event stream.
 *
 * @param kind    what happened
 * @param worker  the worker (key range) concerned, or -1 for the job
 * @param message one line in the user's words
 */
public record BackfillEvent(Instant at, String jobId, Kind kind, int worker, String message) {
    public enum Kind { STARTED, RESUMED, ALREADY_DONE, RETRY, RECONNECTED, GUARD_WAIT, GUARD_CLEAR, VACUUM, PACING, RANGE_DONE,
        FINISHED }
}
