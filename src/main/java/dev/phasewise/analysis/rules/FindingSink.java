package dev.phasewise.analysis.rules;

/** Where rules report. Findings attach to the current statement unless an index is given. */
public interface FindingSink {
    void report(RuleMeta rule, Severity severity, int statementIndex, String message, String fix);

    default void report(RuleMeta rule, int statementIndex, String message, String fix) {
        report(rule, rule.severity(), statementIndex, message, fix);
    }

    /**
     * A finding about a statement, placed at a line and column of the file (a statement inside a code block, which
     * shares its index with the block); line 0 means the statement as a whole. A sink that places nothing ignores
     * the place.
     */
    default void reportAt(RuleMeta rule, int statementIndex, int line, int column, String message, String fix) {
        report(rule, rule.severity(), statementIndex, message, fix);
    }
}
