package dev.phasewise.plan.sql;

/**
 * One SQL statement a step runs, as data: the runner executes it, the runbook prints it, the
 * analysis reads it. Ids are deterministic ({@code add-summary/add-column}) so that a run
 * journal can resume after a failure.
 *
 * @param transactional false for statements PostgreSQL refuses inside a transaction block
 */
public record Action(String id, String sql, boolean transactional) {
}
