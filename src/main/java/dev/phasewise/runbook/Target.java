package dev.phasewise.runbook;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The database the runbook is for (usually production), as far as it is known; every part is
 * optional.
 *
 * @param database      e.g. {@code app_production}
 * @param serverVersion e.g. {@code PostgreSQL 17.2}
 * @param tableRows     rows per table there, to scale rehearsal timings ("3.0× staging's rows")
 */
public record Target(String database, String serverVersion, Map<String, Long> tableRows) {
    public static final Target UNKNOWN = new Target(null, null, Map.of());

    public Target {
        tableRows = tableRows == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tableRows));
    }
}
