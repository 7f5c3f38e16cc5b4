package dev.phasewise.run.backfill;

import dev.phasewise.analysis.parse.Lexer;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.plan.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A backfill's {@code SET} list and {@code WHERE} filter as the user wrote them, checked as text before any
 * of it goes into SQL: the SET list split into {@code column = expression} assignments at its top-level
 * commas, every expression accepted by {@link Sql#expression} as exactly one expression (no semicolon, no
 * comment, balanced) and free of {@code $n} parameters, and returned in parentheses so that it keeps its
 * meaning next to the batch's own conditions. Whether the columns exist is the catalog's business
 * ({@link BackfillTarget}, {@link BackfillExpressions}); a problem names its clause ({@link BackfillException.Clause}).
 */
final class BackfillClauses {
    private BackfillClauses() {
    }

    /**
     * Splits {@code a = expr, b = expr} at top-level commas; each target one column name, each expression checked.
     *
     * @return per assignment its column name (as written) and its expression (in parentheses)
     */
    static List<String[]> parseSet(String set) {
        expression("SET", set);
        List<String[]> out = new ArrayList<>();
        Lexer lexer = new Lexer(set);
        List<Token> part = new ArrayList<>();
        int depth = 0;
        Token t;
        while ((t = lexer.next()) != null) {
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            }
            if (depth == 0 && t.isSymbol(",")) {
                out.add(assignment(set, part));
                part.clear();
            } else {
                part.add(t);
            }
        }
        out.add(assignment(set, part));
        return out;
    }

    private static String[] assignment(String set, List<Token> tokens) {
        if (tokens.size() < 3 || !tokens.get(0).isIdentifier() || !tokens.get(1).isSymbol("=")) {
            String text = tokens.isEmpty() ? "" : set.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
            throw new BackfillException("SET: expected \"column = expression\", got \"" + text + "\"", null, null, null,
                    BackfillException.Clause.SET);
        }
        String expr = set.substring(tokens.get(2).start(), tokens.get(tokens.size() - 1).end());
        return new String[] {tokens.get(0).text(), expression("SET " + tokens.get(0).text(), expr)};
    }

    /**
     * {@code text} in parentheses once it is one expression without parameters.
     *
     * @param what how messages name it ({@code WHERE}, {@code SET col}); one starting with WHERE is the filter
     * @throws BackfillException naming the problem and the clause
     */
    static String expression(String what, String text) {
        BackfillException.Clause clause = what.startsWith("WHERE") ? BackfillException.Clause.WHERE
                : BackfillException.Clause.SET;
        try {
            Sql.expression(what, text);
        } catch (IllegalArgumentException e) {
            throw new BackfillException(e.getMessage(), null, null, e, clause);
        }
        Lexer lexer = new Lexer(text);
        Token t;
        while ((t = lexer.next()) != null) {
            if (t.type() == TokenType.PARAM) {
                throw new BackfillException(what + " contains a parameter (" + t.text() + "); use literal values",
                        null, null, null, clause);
            }
        }
        return "(" + text.strip() + ")";
    }
}
