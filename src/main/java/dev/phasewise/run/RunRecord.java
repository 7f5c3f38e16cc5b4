package dev.phasewise.run;

import dev.phasewise.analysis.PhasewiseVersion;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;

/** One row of phasewise.runs. */
public record RunRecord(String runId, String planName, String planHash, String planFile, Instant startedAt,
                        Instant finishedAt, RunStatus status, String host, String user, String phasewiseVersion,
                        String message) {

    /**
     * A run about to start here: by this machine's user, with this Phasewise version, so that {@code runs}
     * tells who started it where when someone else resumes it from another machine. The store sets the times.
     */
    static RunRecord startingHere(String runId, String planName, String planHash, String planFile) {
        return new RunRecord(runId, planName, planHash, planFile, null, null, RunStatus.RUNNING, thisHost(),
                System.getProperty("user.name"), PhasewiseVersion.get(), null);
    }

    private static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
