package dev.phasewise.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * What the sandbox database holds, from its marker row.
 *
 * @param loadedAt when the load committed (unchanged while the data is reused)
 * @param loadTime how long that load took
 * @param reused   true when this start found a complete load and loaded nothing
 */
public record LoadInfo(long articles, long users, long comments, long exportJobs, Instant loadedAt,
                       Duration loadTime, boolean reused) {
}
