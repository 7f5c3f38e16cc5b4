package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.rules.Finding;

import java.util.List;
import java.util.Optional;

/**
 * The analysis of one statement: where it is, its text, its locks, rewrites and scans per
 * table, its findings, and its syntax error if it has one. It keeps no tokens, so that a
 * file's results weigh little more than its text.
 */
public record StatementResult(int index, int line, int column, String sql, List<TableEffect> tables,
                              List<Finding> findings, String error, List<DurationEstimate> estimates) {

    /** The estimate for one table, when a catalog sized it and a throughput was measured. */
    public Optional<DurationEstimate> estimateFor(String table) {
        return estimates.stream().filter(e -> e.table().equals(table)).findFirst();
    }
}
