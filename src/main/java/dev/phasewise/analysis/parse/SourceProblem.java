package dev.phasewise.analysis.parse;

/**
 * Something wrong or notable in the input itself (not a migration risk): an unterminated
 * string, a syntax error, a skipped psql meta-command, a binary file.
 *
 * @param error true when the input is broken (the CLI then exits with 2); false for a note
 */
public record SourceProblem(boolean error, int line, int column, String message) {

    public static SourceProblem error(int line, int column, String message) {
        return new SourceProblem(true, line, column, message);
    }

    public static SourceProblem note(int line, int column, String message) {
        return new SourceProblem(false, line, column, message);
    }
}
