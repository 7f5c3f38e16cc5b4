package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;

import java.util.regex.Pattern;

/**
 * What a {@code SET LOCAL} before any {@code BEGIN} says about a file: its author expects it to run
 * inside the one transaction its migration tool opens (Flyway, Django, sqitch, golang-migrate with
 * its default all do), since outside a transaction block PostgreSQL ignores SET LOCAL with a warning.
 */
final class SetLocal {
    private static final Pattern SET_LOCAL = Pattern.compile("(?i)SET\\s+LOCAL\\b");
    private static final Pattern BEGIN = Pattern.compile("(?i)(BEGIN|START\\s+TRANSACTION)\\b");

    private SetLocal() {
    }

    /**
     * The 1-based line of a SET LOCAL statement that comes before any BEGIN, or 0 when there is none. Only the
     * file's own statements count: a SET LOCAL inside a DO block's body runs in the block's transaction.
     */
    static int beforeAnyTransaction(String source) {
        if (!SET_LOCAL.matcher(source).find()) {
            return 0; // most files have none: no second pass over a large file
        }
        for (Statement s : new Splitter(source, p -> { })) {
            if (BEGIN.matcher(s.text()).lookingAt()) {
                return 0;
            }
            if (SET_LOCAL.matcher(s.text()).lookingAt()) {
                return s.line();
            }
        }
        return 0;
    }

    static final String ANALYSED_AS_ONE_TRANSACTION = "SET LOCAL before any BEGIN: the file is analysed as one "
            + "transaction, as migration tools run a file (pass --no-assume-in-transaction if yours runs each "
            + "statement on its own)";

    static final String NO_EFFECT = "SET LOCAL outside a transaction block has no effect: PostgreSQL ignores it "
            + "with a warning, so the statements after it run without this setting";
}
