package dev.phasewise.analysis.rules;

/** One check. Implementations are stateless; file-level state lives in the context. */
public interface Rule {
    RuleMeta meta();

    /** Inspects one statement, reporting findings to {@code out}. */
    void check(StatementContext ctx, FindingSink out);

    /** Called once after the last statement, for checks that need the whole file. */
    default void endOfFile(FileContext ctx, FindingSink out) {
    }
}
