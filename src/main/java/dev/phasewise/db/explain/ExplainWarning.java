package dev.phasewise.db.explain;

/**
 * A plan property that matters to a migration.
 *
 * @param code    stable identifier, see {@link ExplainWarnings} and docs/explain.md
 * @param message what the plan does, naming the table or index
 * @param fix     what to do about it
 * @param nodeId  the {@link PlanNode#id()} it is about, or null for the statement as a whole
 */
public record ExplainWarning(String code, String message, String fix, Integer nodeId) {
}
