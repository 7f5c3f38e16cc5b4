package dev.phasewise.db;

import dev.phasewise.analysis.pg.LockMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The observed effects of one statement, or the error PostgreSQL raised for it.
 *
 * @param heldBefore relations on which earlier statements of the same transaction already held
 *                   locks, with the strongest such mode: the statement's own request for a mode
 *                   already held leaves no new trace in pg_locks
 * @param gaps       what the trace could not observe for certain (a table another session held,
 *                   a lock granted without first waiting for a blocker); empty when every lock
 *                   the statement took was seen
 * @param notes      how the effects were found, where that differs from simply running the
 *                   statement (e.g. a DML statement let change only its first row)
 * @param deadRows   row versions the trace wrote and rolled back, per table: dead rows left in the
 *                   table until VACUUM removes them
 */
public record TraceResult(List<TracedEffect> tables, String error, Map<String, LockMode> heldBefore,
                          List<String> gaps, List<String> notes, Map<String, Long> deadRows) {

    public TraceResult(List<TracedEffect> tables, String error, Map<String, LockMode> heldBefore) {
        this(tables, error, heldBefore, List.of(), List.of(), Map.of());
    }

    /** This result with a further note, and the dead rows of an earlier attempt added to its own. */
    TraceResult after(TraceResult earlier, String note) {
        Map<String, Long> dead = new TreeMap<>(deadRows);
        earlier.deadRows.forEach((t, n) -> dead.merge(t, n, Long::sum));
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.add(note);
        return new TraceResult(tables, error, heldBefore, gaps, List.copyOf(allNotes), Map.copyOf(dead));
    }

    public boolean failed() {
        return error != null;
    }
}
