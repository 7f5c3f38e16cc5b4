package dev.phasewise.convert;

import java.util.List;

/**
 * What one input statement became and why: the converter's account, statement by statement.
 *
 * @param file      the migration file it is in
 * @param statement 1-based index of the statement in its file
 * @param line      its first line
 * @param sql       its text
 * @param outcome   rewritten, moved, merged, kept...
 * @param became    the steps it became, as "kind id (phase)" lines
 * @param why       the reason, with the lock it avoids and the table's size when known
 */
public record AccountEntry(String file, int statement, int line, String sql, Outcome outcome, List<String> became, String why) {
    public AccountEntry {
        became = List.copyOf(became);
    }
}
