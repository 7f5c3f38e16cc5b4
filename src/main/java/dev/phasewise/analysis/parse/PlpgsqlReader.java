package dev.phasewise.analysis.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the SQL statements out of a PL/pgSQL block body ({@code [DECLARE ...] BEGIN ... [EXCEPTION ...] END}),
 * with the tokens of the existing lexer: it follows the block's structure (nested blocks, IF / ELSIF / ELSE,
 * CASE, LOOP / WHILE / FOR / FOREACH, exception handlers) and skips what is PL/pgSQL's own and sends nothing to
 * the server (declarations, assignments, RAISE, RETURN, EXIT, GET DIAGNOSTICS...). It does not check the block:
 * PostgreSQL does that; what it cannot follow it reports as {@link Unreadable}, and the caller falls back to
 * treating the block as code it cannot see into.
 */
public final class PlpgsqlReader {
    /** Statements of PL/pgSQL itself: no SQL reaches the server (their expressions are only evaluated). */
    private static final Set<String> PLPGSQL_ONLY = Set.of("raise", "return", "exit", "continue", "null", "get",
            "open", "close", "fetch", "move", "assert");

    private final Fragment fragment;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Token> comments = new ArrayList<>();
    private final int index;
    private final List<BlockStatement> out = new ArrayList<>();
    private int i;
    private int commentsTaken;

    /** The body could not be followed: where and why. */
    public static final class Unreadable extends Exception {
        private final int line;
        private final int column;

        Unreadable(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private PlpgsqlReader(Fragment fragment, int index) {
        this.fragment = fragment;
        this.index = index;
        for (Token t : fragment.tokens()) {
            (t.type() == TokenType.COMMENT ? comments : tokens).add(t);
        }
    }

    /**
     * The statements of a block body, in order.
     *
     * @param index the index of the statement that holds the block ({@code DO}, {@code CALL}): its inner
     *              statements share it
     */
    public static List<BlockStatement> read(Fragment body, int index) throws Unreadable {
        PlpgsqlReader r = new PlpgsqlReader(body, index);
        for (Token t : r.tokens) {
            if (t.type() == TokenType.UNTERMINATED) {
                throw new Unreadable("unterminated " + t.text() + " in the block", t.line(), t.column());
            }
        }
        r.block(null);
        r.accept(";");
        if (r.i < r.tokens.size()) {
            throw r.unreadable("text after the block's END");
        }
        return r.out;
    }

    /** The statements of SQL text that is not PL/pgSQL (an EXECUTE's literal): split at its semicolons. */
    public static List<BlockStatement> readSql(Fragment sql, int index, String possibleWhy) {
        PlpgsqlReader r = new PlpgsqlReader(sql, index);
        while (r.i < r.tokens.size()) {
            if (r.accept(";")) {
                continue;
            }
            r.sqlStatement(possibleWhy, false);
        }
        return r.out;
    }

    /** An expression PostgreSQL evaluates as {@code SELECT expr} (a RETURN expr body): its query, if it holds one. */
    public static List<BlockStatement> readExpression(Fragment expr, int index) {
        PlpgsqlReader r = new PlpgsqlReader(expr, index);
        if (!r.tokens.isEmpty()) {
            r.expression(r.tokens, null);
        }
        return r.out;
    }

    private void block(String possibleWhy) throws Unreadable {
        skipLabel();
        if (acceptWord("declare")) {
            // declarations end where the block's BEGIN starts; a default that holds a query runs it on entry
            while (i < tokens.size() && !peekWord("begin")) {
                int end = statementEnd();
                for (int k = i; k < end; k++) {
                    Token t = tokens.get(k);
                    boolean colonEquals = t.isSymbol(":") && k + 1 < end && tokens.get(k + 1).text().startsWith("=");
                    if (colonEquals || t.isWord("default") || t.isSymbol("=")) {
                        int from = k + (colonEquals ? 2 : 1);
                        if (from < end) {
                            expression(tokens.subList(from, end), possibleWhy);
                        }
                        break;
                    }
                }
                i = end < tokens.size() ? end + 1 : end;
            }
        }
        expectWord("begin");
        statements(possibleWhy, Set.of("exception", "end"));
        if (peekWord("exception")) {
            i++;
            while (peekWord("when")) {
                Token when = tokens.get(i++);
                skipPast("then");
                statements(either(possibleWhy, "in the exception handler at line " + when.line()),
                        Set.of("when", "end"));
            }
        }
        expectWord("end");
        if (i < tokens.size() && tokens.get(i).isIdentifier() && !peekWord("end")) {
            i++; // END label
        }
    }

    private void statements(String possibleWhy, Set<String> stops) throws Unreadable {
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.WORD && stops.contains(t.text())) {
                return;
            }
            statement(possibleWhy);
        }
    }

    private void statement(String possibleWhy) throws Unreadable {
        Token first = tokens.get(i);
        if (accept(";")) {
            return;
        }
        if (first.isSymbol("<<")) {
            skipLabel();
            return;
        }
        if (first.type() != TokenType.WORD) {
            sqlStatement(possibleWhy, true);
            return;
        }
        switch (first.text()) {
            case "declare", "begin" -> {
                block(possibleWhy);
                expect(";");
            }
            case "if" -> ifStatement(possibleWhy);
            case "case" -> caseStatement(possibleWhy);
            case "loop" -> {
                i++;
                loopBody(either(possibleWhy, "in the LOOP at line " + first.line()));
            }
            case "while" -> {
                i++;
                condition(possibleWhy, "loop");
                loopBody(either(possibleWhy, "in the WHILE loop at line " + first.line()));
            }
            case "for", "foreach" -> forLoop(first, possibleWhy);
            case "execute" -> execute(possibleWhy, statementEnd());
            default -> {
                if (isAssignment()) {
                    assignment(possibleWhy);
                } else if (PLPGSQL_ONLY.contains(first.text())) {
                    skipStatement();
                } else {
                    sqlStatement(possibleWhy, true);
                }
            }
        }
    }

    private void ifStatement(String possibleWhy) throws Unreadable {
        Token keyword = tokens.get(i++);
        condition(possibleWhy, "then");
        String why = either(possibleWhy, "under the IF at line " + keyword.line());
        statements(why, Set.of("elsif", "elseif", "else", "end"));
        while (peekWord("elsif") || peekWord("elseif")) {
            i++;
            condition(why, "then");
            statements(why, Set.of("elsif", "elseif", "else", "end"));
        }
        if (acceptWord("else")) {
            statements(why, Set.of("end"));
        }
        expectWord("end");
        expectWord("if");
        expect(";");
    }

    private void caseStatement(String possibleWhy) throws Unreadable {
        Token keyword = tokens.get(i++);
        String why = either(possibleWhy, "under the CASE at line " + keyword.line());
        if (!peekWord("when")) {
            skipTo("when"); // the selector expression
        }
        while (acceptWord("when")) {
            skipPast("then");
            statements(why, Set.of("when", "else", "end"));
        }
        if (acceptWord("else")) {
            statements(why, Set.of("end"));
        }
        expectWord("end");
        expectWord("case");
        expect(";");
    }

    /** FOR target IN query LOOP: the query is a statement too (it runs when the loop starts). */
    private void forLoop(Token keyword, String possibleWhy) throws Unreadable {
        i++;
        String why = either(possibleWhy, "in the " + keyword.text().toUpperCase() + " loop at line " + keyword.line());
        int loop = find("loop");
        int in = -1;
        for (int k = i; k < loop; k++) {
            if (tokens.get(k).isWord("in")) {
                in = k;
                break;
            }
        }
        if (keyword.isWord("for") && in >= 0 && in + 1 < loop) {
            Token q = tokens.get(in + 1);
            if (q.isWord("execute")) {
                i = in + 1;
                execute(possibleWhy, loop);
            } else if (q.isWord("select") || q.isWord("with") || q.isWord("values") || q.isSymbol("(")) {
                out.add(new BlockStatement(statement(tokens.subList(in + 1, loop)), possibleWhy, null));
            }
        }
        i = loop + 1;
        loopBody(why);
    }

    private void loopBody(String why) throws Unreadable {
        statements(why, Set.of("end"));
        expectWord("end");
        expectWord("loop");
        if (i < tokens.size() && tokens.get(i).isIdentifier() && !tokens.get(i).isSymbol(";")) {
            i++; // END LOOP label
        }
        expect(";");
    }

    /**
     * EXECUTE expr [INTO target] [USING ...]: a string constant is SQL the analysis reads; anything else is
     * known only when the block runs.
     */
    private void execute(String possibleWhy, int end) {
        Token keyword = tokens.get(i);
        int exprEnd = i + 1;
        int depth = 0;
        while (exprEnd < end) {
            Token t = tokens.get(exprEnd);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (t.isWord("into") || t.isWord("using"))) {
                break;
            }
            exprEnd++;
        }
        List<Token> expr = tokens.subList(i + 1, exprEnd);
        Statement whole = statement(tokens.subList(i, end));
        i = end < tokens.size() && tokens.get(end).isSymbol(";") ? end + 1 : end;
        if (expr.size() == 1) {
            Fragment literal = fragment.inner(expr.get(0));
            if (literal != null) {
                List<BlockStatement> sql = readSql(literal, index, possibleWhy);
                if (!sql.isEmpty()) {
                    out.addAll(sql);
                    return;
                }
            }
        }
        String what;
        if (expr.isEmpty()) {
            what = "EXECUTE without a command";
        } else if (expr.get(0).isWord("format") && expr.size() > 1 && expr.get(1).isSymbol("(")) {
            what = "EXECUTE format(...)";
        } else if (expr.stream().anyMatch(t -> t.isSymbol("||"))) {
            what = "EXECUTE of a concatenated string";
        } else if (expr.size() == 1 && expr.get(0).isIdentifier()) {
            what = "EXECUTE of the variable " + expr.get(0).text();
        } else {
            what = "EXECUTE of a computed string";
        }
        out.add(new BlockStatement(whole, possibleWhy, what + " at line " + keyword.line()));
    }

    /**
     * An IF / ELSIF / WHILE condition, up to its THEN or LOOP. PL/pgSQL evaluates it as {@code SELECT condition}:
     * when it holds a query ({@code EXISTS (SELECT ... FROM t)}), that query reads its tables like any other.
     */
    private void condition(String possibleWhy, String until) throws Unreadable {
        int end = find(until);
        expression(tokens.subList(i, end), possibleWhy);
        i = end + 1;
    }

    /** {@code target := expression;}: the expression runs as {@code SELECT expression}. */
    private void assignment(String possibleWhy) {
        int end = statementEnd();
        int k = i;
        while (k < end && !(tokens.get(k).isSymbol(":") || tokens.get(k).text().startsWith("="))) {
            k++;
        }
        k += tokens.get(k).isSymbol(":") ? 2 : 1;
        if (k < end) {
            expression(tokens.subList(k, end), possibleWhy);
        }
        i = end < tokens.size() ? end + 1 : end;
    }

    /** An expression that holds a query becomes a statement {@code SELECT expression}; others read no table. */
    private void expression(List<Token> expr, String possibleWhy) {
        if (expr.stream().noneMatch(t -> t.isWord("select"))) {
            return;
        }
        Token first = expr.get(0);
        List<Token> query = new ArrayList<>();
        // an empty SELECT token where the expression starts: the text stays the source's, offsets still match
        query.add(new Token(TokenType.WORD, "select", first.start(), first.start(), first.line(), first.column()));
        query.addAll(expr);
        out.add(new BlockStatement(statement(query), possibleWhy, null));
    }

    /** A SQL statement up to its semicolon, as PL/pgSQL sends it. */
    private void sqlStatement(String possibleWhy, boolean plpgsql) {
        int end = statementEnd();
        List<Token> body = new ArrayList<>(tokens.subList(i, end));
        i = end < tokens.size() ? end + 1 : end;
        if (plpgsql) {
            body = withoutInto(body);
        }
        if (!body.isEmpty()) {
            out.add(new BlockStatement(statement(body), possibleWhy, null));
        }
    }

    /**
     * PERFORM runs its query as SELECT; SELECT ... INTO target and ... RETURNING ... INTO target store into
     * PL/pgSQL variables (in plain SQL, SELECT INTO would create a table).
     */
    private static List<Token> withoutInto(List<Token> body) {
        Token first = body.get(0);
        if (first.isWord("perform")) {
            body.set(0, new Token(TokenType.WORD, "select", first.start(), first.end(), first.line(), first.column()));
        }
        boolean select = body.get(0).isWord("select");
        boolean returning = false;
        int depth = 0;
        for (int k = 0; k < body.size(); k++) {
            Token t = body.get(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isWord("returning")) {
                returning = true;
            } else if (depth == 0 && t.isWord("into") && (select || returning)) {
                int e = k + 1;
                if (e < body.size() && body.get(e).isWord("strict")) {
                    e++;
                }
                // target [, target ...], each a name with optional .field
                while (e < body.size() && body.get(e).isIdentifier()) {
                    e++;
                    while (e + 1 < body.size() && body.get(e).isSymbol(".") && body.get(e + 1).isIdentifier()) {
                        e += 2;
                    }
                    if (e < body.size() && body.get(e).isSymbol(",") && (select || returning)) {
                        if (e + 1 < body.size() && body.get(e + 1).isIdentifier()
                                && !isClauseWord(body.get(e + 1))) {
                            e++;
                            continue;
                        }
                    }
                    break;
                }
                List<Token> kept = new ArrayList<>(body.subList(0, k));
                kept.addAll(body.subList(e, body.size()));
                return kept;
            }
        }
        return body;
    }

    private static boolean isClauseWord(Token t) {
        return t.type() == TokenType.WORD && Set.of("from", "where", "group", "order", "limit").contains(t.text());
    }

    /** name := expr; name.field := expr; name[i] = expr; (the target is a name, then the assignment sign) */
    private boolean isAssignment() {
        if (!tokens.get(i).isIdentifier()) {
            return false;
        }
        int k = i + 1;
        while (k < tokens.size()) {
            Token t = tokens.get(k);
            if (t.isSymbol(".") && k + 1 < tokens.size() && tokens.get(k + 1).isIdentifier()) {
                k += 2;
            } else if (t.isSymbol("[")) {
                int depth = 0;
                do {
                    if (tokens.get(k).isSymbol("[")) {
                        depth++;
                    } else if (tokens.get(k).isSymbol("]")) {
                        depth--;
                    }
                    k++;
                } while (k < tokens.size() && depth > 0);
            } else {
                break;
            }
        }
        if (k >= tokens.size()) {
            return false;
        }
        Token sign = tokens.get(k);
        // the lexer reads ":=" as ":" then "="
        return (sign.isSymbol(":") && k + 1 < tokens.size() && tokens.get(k + 1).type() == TokenType.SYMBOL
                && tokens.get(k + 1).text().startsWith("="))
                || (sign.type() == TokenType.SYMBOL && sign.text().startsWith("=") && !sign.text().startsWith("=>"));
    }

    private Statement statement(List<Token> body) {
        Token first = body.get(0);
        Token last = body.get(body.size() - 1);
        List<Token> own = new ArrayList<>();
        while (commentsTaken < comments.size() && comments.get(commentsTaken).start() < last.end()) {
            own.add(comments.get(commentsTaken++));
        }
        return new Statement(index, fragment.text().substring(first.start(), last.end()), first.start(),
                first.line(), first.column(), List.copyOf(body), List.copyOf(own));
    }

    /** The index of the statement's semicolon (outside parentheses), or the end of the tokens. */
    private int statementEnd() {
        int depth = 0;
        for (int k = i; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth <= 0 && t.isSymbol(";")) {
                return k;
            }
        }
        return tokens.size();
    }

    private void skipStatement() {
        int end = statementEnd();
        i = end < tokens.size() ? end + 1 : end;
    }

    /** Index of the word at this nesting level (outside parentheses and CASE ... END expressions). */
    private int find(String word) throws Unreadable {
        int depth = 0;
        int cases = 0;
        for (int k = i; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && t.isWord("case")) {
                cases++;
            } else if (depth == 0 && cases > 0 && t.isWord("end")) {
                cases--;
            } else if (depth == 0 && cases == 0 && t.isWord(word)) {
                return k;
            } else if (depth == 0 && t.isSymbol(";")) {
                break;
            }
        }
        throw unreadable("expected " + word.toUpperCase());
    }

    private void skipTo(String word) throws Unreadable {
        i = find(word);
    }

    private void skipPast(String word) throws Unreadable {
        i = find(word) + 1;
    }

    private void skipLabel() throws Unreadable {
        if (i < tokens.size() && tokens.get(i).isSymbol("<<")) {
            i++;
            if (i < tokens.size() && tokens.get(i).isIdentifier()) {
                i++;
            }
            expect(">>");
        }
    }

    private static String either(String outer, String inner) {
        return outer != null ? outer : inner;
    }

    private boolean peekWord(String w) {
        return i < tokens.size() && tokens.get(i).isWord(w);
    }

    private boolean acceptWord(String w) {
        if (peekWord(w)) {
            i++;
            return true;
        }
        return false;
    }

    private boolean accept(String symbol) {
        if (i < tokens.size() && tokens.get(i).isSymbol(symbol)) {
            i++;
            return true;
        }
        return false;
    }

    private void expectWord(String w) throws Unreadable {
        if (!acceptWord(w)) {
            throw unreadable("expected " + w.toUpperCase());
        }
    }

    private void expect(String symbol) throws Unreadable {
        if (!accept(symbol)) {
            throw unreadable("expected \"" + symbol + "\"");
        }
    }

    private Unreadable unreadable(String message) {
        if (i < tokens.size()) {
            Token t = tokens.get(i);
            return new Unreadable(message + " at \"" + t.text() + "\"", t.line(), t.column());
        }
        Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        return new Unreadable(message + " before the end of the block", last == null ? 0 : last.line(),
                last == null ? 0 : last.column());
    }
}
