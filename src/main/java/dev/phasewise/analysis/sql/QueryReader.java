package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the relations a query reads without parsing all of SQL's expression grammar: it
 * follows FROM, JOIN and comma-separated from-lists inside query parentheses only (so that
 * {@code extract(year FROM ts)} is not taken for a table), skips function calls in FROM, and
 * leaves out names defined by WITH.
 */
final class QueryReader {
    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "table");
    private static final Set<String> END_OF_FROM = Set.of("where", "group", "having", "order", "limit", "offset",
            "window", "union", "intersect", "except", "fetch", "returning", "on", "using", "set", "for", "into",
            "natural", "cross", "inner", "left", "right", "full", "join", "tablesample");
    private static final Set<String> END_OF_WHERE = Set.of("group", "having", "order", "limit", "offset", "window",
            "union", "intersect", "except", "fetch", "returning", "for");

    private final List<Token> tokens;
    private final Function<List<Token>, Expr> exprMaker;
    private final NameResolver names;
    private final Map<QualifiedName.Key, RelationRef> relations = new LinkedHashMap<>();
    private final Set<String> cteNames = new HashSet<>();
    private boolean locking;
    private Expr where;
    private final List<Expr> joins = new ArrayList<>();
    private final List<QueryRefs.ScalarSubquery> scalars = new ArrayList<>();

    private QueryReader(List<Token> tokens, Function<List<Token>, Expr> exprMaker, NameResolver names) {
        this.tokens = tokens;
        this.exprMaker = exprMaker;
        this.names = names;
    }

    /** Reads a query, or the tail of a statement that reads like one (UPDATE ... FROM, DELETE ... USING). */
    static QueryRefs read(List<Token> tokens, Function<List<Token>, Expr> exprMaker) {
        return read(tokens, exprMaker, Set.of());
    }

    /** As {@link #read(List, Function)}, with the names of enclosing WITH queries to leave out. */
    static QueryRefs read(List<Token> tokens, Function<List<Token>, Expr> exprMaker, Set<String> outerCtes) {
        return read(tokens, exprMaker, outerCtes, NameResolver.AS_WRITTEN);
    }

    /** As {@link #read(List, Function, Set)}, the relations' names resolved through {@code names} (the search_path). */
    static QueryRefs read(List<Token> tokens, Function<List<Token>, Expr> exprMaker, Set<String> outerCtes,
                          NameResolver names) {
        QueryReader r = new QueryReader(tokens, exprMaker, names);
        r.cteNames.addAll(outerCtes);
        r.scan();
        return new QueryRefs(List.copyOf(r.relations.values()), r.locking, r.where, List.copyOf(r.joins),
                List.copyOf(r.scalars));
    }

    private static final class Frame {
        final boolean query;
        boolean fromList;
        /** A scalar subquery opened here: the relations of its own FROM, and its WHERE once read. */
        List<RelationRef> scalarRefs;
        List<Token> scalarWhere;

        Frame(boolean query) {
            this.query = query;
        }
    }

    /** Sublinks PostgreSQL may pull up into a join (EXISTS, IN, ANY ...): their conditions are join conditions. */
    private static final Set<String> JOINABLE_SUBLINKS = Set.of("exists", "in", "any", "some", "all");

    private void scan() {
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(true));
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Frame frame = frames.peek();
            if (t.isSymbol("(") || t.isSymbol("[")) {
                Frame inner = new Frame(opensQuery(i, frame));
                if (t.isSymbol("(") && opensScalarSubquery(i, frame)) {
                    inner.scalarRefs = new ArrayList<>();
                }
                if (t.isSymbol("(") && groupsFromItems(i, frame)) {
                    // FROM (a JOIN b ON ...): the form pg_get_viewdef and pg_dump print joins in
                    inner.fromList = true;
                    readItem(i + 1, frame);
                }
                frames.push(inner);
                continue;
            }
            if (t.isSymbol(")") || t.isSymbol("]")) {
                if (frames.size() > 1) {
                    Frame closed = frames.pop();
                    if (closed.scalarRefs != null && closed.scalarWhere != null && !closed.scalarRefs.isEmpty()) {
                        scalars.add(new QueryRefs.ScalarSubquery(List.copyOf(closed.scalarRefs),
                                exprMaker.apply(closed.scalarWhere)));
                    }
                }
                continue;
            }
            if (!frame.query) {
                continue;
            }
            if (t.isSymbol(",") && frame.fromList) {
                readItem(i + 1, frame);
                continue;
            }
            if (t.type() != TokenType.WORD) {
                if (t.isIdentifier()) {
                    noteCte(i);
                }
                continue;
            }
            String w = t.text();
            if ((w.equals("from") && !(i > 0 && tokens.get(i - 1).isWord("distinct"))) || w.equals("join")) {
                frame.fromList = true;
                readItem(i + 1, frame);
            } else if (w.equals("for") && i + 1 < tokens.size()
                    && (tokens.get(i + 1).isWord("update") || tokens.get(i + 1).isWord("share")
                    || tokens.get(i + 1).isWord("no") || tokens.get(i + 1).isWord("key"))) {
                locking = true;
                frame.fromList = false;
            } else if (END_OF_FROM.contains(w)) {
                frame.fromList = false;
                if (w.equals("where") && frames.size() == 1 && where == null) {
                    where = exprMaker.apply(whereTokens(i + 1));
                } else if (w.equals("where") && frame.scalarRefs != null && frame.scalarWhere == null) {
                    frame.scalarWhere = whereTokens(i + 1);
                } else if (w.equals("on") && frames.size() == 1) {
                    joins.add(exprMaker.apply(joinConditionTokens(i + 1)));
                }
            } else {
                noteCte(i);
            }
        }
    }

    /**
     * A parenthesis opens query context when a query starts inside it, or when it groups
     * from-items ({@code FROM (a JOIN b ON ...)}) or nests further parentheses in a query.
     */
    private boolean opensQuery(int i, Frame outer) {
        Token n = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (n == null) {
            return false;
        }
        if (n.type() == TokenType.WORD && QUERY_STARTS.contains(n.text())) {
            return true;
        }
        if (!outer.query || i == 0) {
            return false;
        }
        Token p = tokens.get(i - 1);
        return n.isSymbol("(") && !p.isIdentifier() || groupsFromItems(i, outer);
    }

    /**
     * A subquery used as a value: {@code SET x = (SELECT ...)}, a select-list item, {@code col = (SELECT ...)}.
     * PostgreSQL plans it apart and runs it with the outer row's columns as parameters (a SubPlan), so its own
     * conditions decide how it reaches its tables. Not a derived table in FROM, a WITH query, or EXISTS / IN / ANY,
     * which the planner may turn into a join.
     */
    private boolean opensScalarSubquery(int i, Frame outer) {
        if (i == 0 || i + 1 >= tokens.size() || !tokens.get(i + 1).isWord("select")) {
            return false;
        }
        Token p = tokens.get(i - 1);
        if (p.type() == TokenType.WORD && JOINABLE_SUBLINKS.contains(p.text()) || p.isWord("as")
                || p.isWord("lateral") || p.isWord("from") || p.isWord("join")) {
            return false;
        }
        return !(outer.fromList && p.isSymbol(","));
    }

    /** A parenthesis in a from-list that holds from-items rather than a subquery. */
    private boolean groupsFromItems(int i, Frame outer) {
        if (!outer.query || !outer.fromList || i == 0 || i + 1 >= tokens.size()) {
            return false;
        }
        Token n = tokens.get(i + 1);
        if (n.type() == TokenType.WORD && QUERY_STARTS.contains(n.text())) {
            return false;
        }
        Token p = tokens.get(i - 1);
        return p.isWord("from") || p.isWord("join") || p.isSymbol(",") || p.isWord("lateral") || p.isSymbol("(");
    }

    /** Remembers {@code name AS (} and {@code name (cols) AS (} after WITH, RECURSIVE or a comma. */
    private void noteCte(int i) {
        if (i == 0) {
            return;
        }
        Token prev = tokens.get(i - 1);
        if (!(prev.isWord("with") || prev.isWord("recursive") || prev.isSymbol(","))) {
            return;
        }
        int j = i + 1;
        if (j < tokens.size() && tokens.get(j).isSymbol("(")) {
            int depth = 0;
            for (; j < tokens.size(); j++) {
                if (tokens.get(j).isSymbol("(")) {
                    depth++;
                } else if (tokens.get(j).isSymbol(")") && --depth == 0) {
                    j++;
                    break;
                }
            }
        }
        if (j < tokens.size() && tokens.get(j).isWord("as")) {
            cteNames.add(tokens.get(i).text());
        }
    }

    private static final Set<String> END_OF_JOIN_CONDITION = Set.of("join", "inner", "left", "right", "full",
            "cross", "natural", "where", "group", "having", "order", "limit", "offset", "window", "union",
            "intersect", "except", "fetch", "returning", "for", "set", "when");

    private List<Token> joinConditionTokens(int from) {
        return tokensUntil(from, END_OF_JOIN_CONDITION, true);
    }

    private List<Token> whereTokens(int from) {
        return tokensUntil(from, END_OF_WHERE, false);
    }

    /** Tokens from {@code from} up to a stop word (or a comma) at depth zero, or a closing parenthesis. */
    private List<Token> tokensUntil(int from, Set<String> stopWords, boolean stopAtComma) {
        int depth = 0;
        int i = from;
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (stopAtComma && t.isSymbol(",")
                    || t.type() == TokenType.WORD && stopWords.contains(t.text()))) {
                break;
            }
        }
        return tokens.subList(from, i);
    }

    private static final Set<String> NOT_ALIASES = Set.of("where", "join", "inner", "left", "right", "full",
            "cross", "natural", "on", "using", "group", "order", "limit", "offset", "having", "window", "union",
            "intersect", "except", "for", "fetch", "returning", "set", "tablesample", "lateral", "when", "then");

    private void readItem(int i, Frame frame) {
        boolean only = false;
        while (i < tokens.size() && (tokens.get(i).isWord("lateral") || tokens.get(i).isWord("only"))) {
            only |= tokens.get(i).isWord("only");
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).isIdentifier()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(tokens.get(i).text());
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).isSymbol(".") && tokens.get(j + 1).isIdentifier()) {
            parts.add(tokens.get(j + 1).text());
            j += 2;
        }
        if (j < tokens.size() && tokens.get(j).isSymbol("(")) {
            return; // a set-returning function such as generate_series(...)
        }
        if (parts.size() == 1 && cteNames.contains(parts.get(0))) {
            return;
        }
        QualifiedName name = parts.size() == 1 ? names.existing(QualifiedName.of(parts.get(0)))
                : new QualifiedName(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
        if (j < tokens.size() && tokens.get(j).isSymbol("*")) {
            j++;
        }
        String alias = null;
        if (j < tokens.size() && tokens.get(j).isWord("as")) {
            j++;
        }
        if (j < tokens.size() && tokens.get(j).isIdentifier()
                && !(tokens.get(j).type() == TokenType.WORD && NOT_ALIASES.contains(tokens.get(j).text()))) {
            alias = tokens.get(j).text();
        }
        RelationRef ref = new RelationRef(name, alias, only);
        relations.putIfAbsent(name.key(), ref);
        if (frame.scalarRefs != null) {
            frame.scalarRefs.add(ref);
        }
    }
}
