package dev.phasewise.db.trace;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.db.TraceResult;
import dev.phasewise.db.TracedEffect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One statement of a traced migration: what the static analysis predicted, what PostgreSQL was
 * seen to do (null when it was not traced), a note on how it was traced, and every point where
 * the two differ.
 */
public record TracedStatement(StatementResult predicted, TraceResult observed, String note,
                              List<String> disagreements) {

    static TracedStatement notTraced(StatementResult predicted, String why) {
        return new TracedStatement(predicted, null, why, List.of());
    }

    public boolean traced() {
        return observed != null;
    }

    /** The prediction beside what PostgreSQL did; a lock earlier statements of the transaction hold is not seen again. */
    public static TracedStatement compare(StatementResult predicted, TraceResult observed, String note) {
        Map<String, TableEffect> p = new LinkedHashMap<>();
        predicted.tables().forEach(t -> p.put(t.name(), t));
        Map<String, TracedEffect> o = new LinkedHashMap<>();
        observed.tables().forEach(t -> o.put(t.name(), t));
        Set<String> names = new LinkedHashSet<>(p.keySet());
        names.addAll(o.keySet());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            TableEffect want = p.get(name);
            TracedEffect got = o.get(name);
            LockMode held = observed.heldBefore().get(name);
            if (want == null) {
                out.add(name + ": PostgreSQL took " + got.lock().pgName() + ", Phasewise predicted no lock");
                continue;
            }
            if (!lockAgrees(want.lock(), got == null ? null : got.lock(), held)) {
                out.add(name + ": Phasewise predicted " + want.lock().pgName() + ", PostgreSQL took "
                        + (got == null ? "no lock" : got.lock().pgName()));
            }
            if (got == null) {
                continue;
            }
            if (want.rewrite() != got.rewrite()) {
                out.add(name + ": Phasewise predicted " + (want.rewrite() ? "a rewrite" : "no rewrite")
                        + ", PostgreSQL " + (got.rewrite() ? "rewrote it" : "did not rewrite it"));
            }
            if (want.scan() != got.scan()) {
                out.add(name + ": Phasewise predicted " + (want.scan() ? "a scan" : "no scan")
                        + ", PostgreSQL " + (got.scan() ? "scanned it" : "did not scan it"));
            }
        }
        return new TracedStatement(predicted, observed, note, out);
    }

    /**
     * A mode that earlier statements of the transaction already hold leaves no new row in
     * pg_locks, so a prediction at or below it cannot be contradicted.
     */
    static boolean lockAgrees(LockMode predicted, LockMode observed, LockMode heldBefore) {
        if (predicted == observed) {
            return true;
        }
        return heldBefore != null && !predicted.strongerThan(heldBefore)
                && (observed == null || observed == heldBefore || !observed.strongerThan(predicted));
    }
}
