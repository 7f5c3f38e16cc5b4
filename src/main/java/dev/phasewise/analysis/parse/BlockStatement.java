package dev.phasewise.analysis.parse;

/**
 * A SQL statement inside a PL/pgSQL block, as the block would send it to the server.
 *
 * @param statement   the statement, its tokens placed at their own lines of the file; {@code PERFORM} reads as
 *                    {@code SELECT}, a PL/pgSQL {@code INTO target} is left out
 * @param possibleWhy null when it runs whenever the block runs; else why it may not (under an IF, a CASE, a
 *                    loop, an exception handler), as words to put in a message
 * @param dynamic     null for SQL the analysis can read; else what makes it dynamic ({@code EXECUTE format(...)},
 *                    a concatenation, a variable): its text is known only when it runs
 */
public record BlockStatement(Statement statement, String possibleWhy, String dynamic) {

    public boolean possible() {
        return possibleWhy != null;
    }
}
