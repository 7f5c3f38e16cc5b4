package dev.phasewise.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code SET LOCAL} before any {@code BEGIN} says about a file: its author expects it to run
 * inside the one transaction its migration tool opens (Flyway, Django, sqitch, golang-migrate with
 * its default all do), since outside a transaction block PostgreSQL ignores SET LOCAL with a warning.
 */
final class SetLocal {
    private static final Pattern SET_LOCAL = Pattern.compile("(?im)^[ \\t]*SET[ \\t]+LOCAL\\b");
    // a transaction-control statement, not the BEGIN of a PL/pgSQL block (which is not followed by ';')
    private static final Pattern BEGIN = Pattern.compile(
            "(?im)^[ \\t]*(BEGIN([ \\t]+(WORK|TRANSACTION))?|START[ \\t]+TRANSACTION[^;\\n]*)[ \\t]*;");

    private SetLocal() {
    }

    /** The 1-based line of a SET LOCAL that comes before any BEGIN, or 0 when there is none. */
    static int beforeAnyTransaction(String source) {
        Matcher set = SET_LOCAL.matcher(source);
        if (!set.find()) {
            return 0;
        }
        Matcher begin = BEGIN.matcher(source);
        if (begin.find() && begin.start() < set.start()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < set.start(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static final String ANALYSED_AS_ONE_TRANSACTION = "SET LOCAL before any BEGIN: the file is analysed as one "
            + "transaction, as migration tools run a file (pass --no-assume-in-transaction if yours runs each "
            + "statement on its own)";

    static final String NO_EFFECT = "SET LOCAL outside a transaction block has no effect: PostgreSQL ignores it "
            + "with a warning, so the statements after it run without this setting";
}
