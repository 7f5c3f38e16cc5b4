package dev.phasewise.testing;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trace corpus statement's {@code -- given: SQL} comment: statements that run before it in the
 * same transaction (and are analysed before it in the same file), for what only a migration's
 * earlier statements can set up (a table created in the file, rows inserted into it). Only the
 * statement itself is compared; the given ones are the migration around it.
 */
public final class CorpusGiven {
    private static final Pattern GIVEN = Pattern.compile("^--\\s*given:\\s*(.*)");

    private CorpusGiven() {
    }

    /** The given statements, in order; empty when the statement has none. */
    public static List<String> of(Statement s) {
        for (Token c : s.comments()) {
            Matcher m = GIVEN.matcher(c.text());
            if (m.find()) {
                List<String> out = new ArrayList<>();
                for (Statement g : Splitter.split(m.group(1), new ArrayList<SourceProblem>())) {
                    out.add(g.text());
                }
                return out;
            }
        }
        return List.of();
    }

    /** The file to analyse: the given statements, then the statement, whose result is the last one. */
    public static String file(Statement s) {
        StringBuilder out = new StringBuilder();
        for (String g : of(s)) {
            out.append(g).append(";\n");
        }
        return out.append(s.text()).toString();
    }
}
