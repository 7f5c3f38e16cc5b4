package dev.phasewise.analysis.rules;

/**
 * A risk found in a statement: which rule, how serious, what happens (naming the table and
 * the lock's effect on the application), and the safe alternative as SQL.
 */
public record Finding(RuleMeta rule, Severity severity, String message, String fix) {
}
