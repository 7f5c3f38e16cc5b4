package dev.phasewise.analysis.rules;

/** Where rules report. Findings attach to the current statement unless an index is given. */
public interface FindingSink {
    void report(RuleMeta rule, Severity severity, int statementIndex, String message, String fix);

    default void report(RuleMeta rule, int statementIndex, String message, String fix) {
        report(rule, rule.severity(), statementIndex, message, fix);
    }
}
