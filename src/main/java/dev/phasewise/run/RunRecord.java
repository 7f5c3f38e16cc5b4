package dev.phasewise.run;

import java.time.Instant;

/** One row of phasewise.runs. */
public record RunRecord(String runId, String planName, String planHash, String planFile, Instant startedAt,
                        Instant finishedAt, RunStatus status, String host, String user, String phasewiseVersion,
                        String message) {
}
