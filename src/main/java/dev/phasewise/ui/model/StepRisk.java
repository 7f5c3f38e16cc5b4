package dev.phasewise.ui.model;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;

import java.util.List;
import java.util.Optional;

/**
 * How a step feels to the application, from its analysis: GREEN no conflict with reads or writes,
 * AMBER blocks writes, RED blocks reads and writes, or scans / rewrites a table under a lock that
 * blocks writes (unless a catalog-based estimate says that takes under a second).
 */
public enum StepRisk {
    GREEN, AMBER, RED, UNKNOWN;

    public static StepRisk of(List<StatementResult> results) {
        if (results.isEmpty()) {
            return UNKNOWN;
        }
        StepRisk risk = GREEN;
        for (StatementResult r : results) {
            for (TableEffect e : r.tables()) {
                if (!e.preexisting()) {
                    continue;
                }
                LockMode m = e.lock();
                boolean longWork = (e.rewrite() || e.scan()) && !shortByEstimate(r, e.name());
                StepRisk here = m.blocksReads() || (m.blocksWrites() && longWork) ? RED
                        : m.blocksWrites() ? AMBER : GREEN;
                if (here.ordinal() > risk.ordinal()) {
                    risk = here;
                }
            }
        }
        return risk;
    }

    /** A scan or rewrite is short when the catalog sized it and the estimate is under a second. */
    private static boolean shortByEstimate(StatementResult r, String table) {
        return r.estimateFor(table).map(d -> d.seconds() < 1.0).orElse(false);
    }

    /** The strongest lock the step takes on a table that existed before, and that table. */
    public static Optional<TableEffect> strongest(List<StatementResult> results) {
        TableEffect best = null;
        for (StatementResult r : results) {
            for (TableEffect e : r.tables()) {
                if (best == null || e.lock().strongerThan(best.lock())
                        || (best.relation().createdByMigration() && e.preexisting())) {
                    best = e;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The longest estimated time under a lock, in seconds, when a catalog and a throughput gave one. */
    public static Optional<Double> estimatedSeconds(List<StatementResult> results) {
        return results.stream().flatMap(r -> r.estimates().stream()).map(e -> e.seconds()).max(Double::compare);
    }
}
