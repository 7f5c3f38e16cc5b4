package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a finding's fix is SQL that the statement can be replaced with as it stands (the window
 * offers "Apply fix" for those), rather than advice in words or SQL with placeholders.
 */
public final class DropInFix {
    private static final Set<String> SQL_VERBS = Set.of("alter", "create", "drop", "set", "begin", "commit",
            "update", "insert", "delete", "select", "with", "lock", "reindex", "vacuum", "comment", "grant", "revoke",
            "refresh", "analyze", "truncate", "cluster", "reset", "start");

    private DropInFix() {
    }

    public static boolean test(String fix) {
        List<SourceProblem> problems = new ArrayList<>();
        List<Statement> statements = Splitter.split(fix == null ? "" : fix, problems);
        if (statements.isEmpty() || problems.stream().anyMatch(SourceProblem::error)) {
            return false;
        }
        for (Statement s : statements) {
            Token first = s.tokens().isEmpty() ? null : s.tokens().get(0);
            // a fix with comments is advice around SQL (placeholders, "merge into statement 3"), not a replacement
            if (!s.comments().isEmpty() || first == null || first.type() != TokenType.WORD
                    || !SQL_VERBS.contains(first.text()) || CommandParser.parse(s) instanceof Command.Invalid) {
                return false;
            }
        }
        return true;
    }
}
