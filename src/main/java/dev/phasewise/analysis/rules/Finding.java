package dev.phasewise.analysis.rules;

/**
 * A risk found in a statement: which rule, how serious, what happens (naming the table and
 * the lock's effect on the application), and the safe alternative as SQL.
 *
 * <p>{@code line} and {@code column} are 0 when the finding is about the statement as a whole; a
 * statement inside a code block ({@code DO}, a procedure's body) sets them to its own place in the
 * file, so that an editor or a pull request points at that line rather than at the block's first.
 */
public record Finding(RuleMeta rule, Severity severity, String message, String fix, int line, int column) {

    public Finding(RuleMeta rule, Severity severity, String message, String fix) {
        this(rule, severity, message, fix, 0, 0);
    }

    /** The same finding, placed at a line and column of the file. */
    public Finding at(int atLine, int atColumn) {
        return new Finding(rule, severity, message, fix, atLine, atColumn);
    }

    /** Placed somewhere other than its statement's first token. */
    public boolean located() {
        return line > 0;
    }
}
