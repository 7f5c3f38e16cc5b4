package dev.phasewise.db;

import dev.phasewise.analysis.LockMode;

import java.util.List;
import java.util.Map;

/**
 * The observed effects of one statement, or the error PostgreSQL raised for it.
 *
 * @param heldBefore relations on which earlier statements of the same transaction already held
 *                   locks, with the strongest such mode: the statement's own request for a mode
 *                   already held leaves no new trace in pg_locks
 */
public record TraceResult(List<TracedEffect> tables, String error, Map<String, LockMode> heldBefore) {

    public boolean failed() {
        return error != null;
    }
}
