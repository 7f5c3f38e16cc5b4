package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A static guess of which relations of a statement the planner reaches through an index rather
 * than a sequential scan. A relation is reached by index when the leading column of one of its
 * indexes is compared with a constant (=, <, >, <=, >=, IN, BETWEEN), directly or through a
 * chain of equalities (the planner's equivalence classes: {@code u.id = a.author_id AND u.id = 3}
 * binds {@code a.author_id} too), or when it is joined on that column to a relation that is
 * itself reached by index (a nested loop). Without a database selectivity is unknown; with one,
 * EXPLAIN decides.
 */
final class AccessPaths {
    private static final Set<String> COMPARISONS = Set.of("=", "<", ">", "<=", ">=");
    private static final Set<String> CONSTANT_WORDS = Set.of("true", "false", "current_date", "current_timestamp",
            "localtimestamp", "current_time", "localtime", "current_user", "session_user", "interval", "date",
            "timestamp", "timestamptz", "any", "array");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "null", "true", "false", "is", "any", "all",
            "some", "exists", "case", "when", "then", "else", "end", "select", "from", "where", "in", "between",
            "like", "ilike");

    /** A relation taking part in the statement, and the names its columns may be qualified with. */
    record Participant(Relation relation, Set<String> qualifiers) {
    }

    private record Column(Relation relation, String name) {
    }

    private final SchemaModel schema;
    private final List<Participant> participants;
    private final Set<Column> bound = new HashSet<>();
    private final Map<Column, Set<Column>> equal = new HashMap<>();
    private final Set<Relation> reached = Collections.newSetFromMap(new IdentityHashMap<>());

    AccessPaths(SchemaModel schema, List<Participant> participants, List<Expr> predicates) {
        this.schema = schema;
        this.participants = participants;
        for (Expr p : predicates) {
            if (p != null) {
                read(p.tokens());
            }
        }
        propagateConstants();
        resolveReach();
    }

    static Participant participant(Relation r, String alias) {
        Set<String> q = new HashSet<>();
        q.add(r.name().name());
        if (alias != null) {
            q.add(alias);
        }
        return new Participant(r, q);
    }

    /** True when the planner can reach this relation's rows without a sequential scan. */
    boolean reachedByIndex(Relation r) {
        return reached.contains(r);
    }

    private void read(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            int[] end = new int[1];
            Column left = columnAt(t, i, end);
            if (left != null) {
                int op = end[0] + 1;
                if (op < t.size() && isComparison(t.get(op))) {
                    int[] rightEnd = new int[1];
                    Column right = columnAt(t, op + 1, rightEnd);
                    if (right != null && t.get(op).isSymbol("=")) {
                        equal.computeIfAbsent(left, k -> new HashSet<>()).add(right);
                        equal.computeIfAbsent(right, k -> new HashSet<>()).add(left);
                    } else if (right == null && isConstant(t, op + 1)) {
                        bound.add(left);
                    }
                } else if (op + 1 < t.size() && t.get(op).isWord("is") && t.get(op + 1).isWord("null")) {
                    bound.add(left); // a B-tree finds NULLs too: WHERE col IS NULL is an index search
                }
                i = end[0];
                continue;
            }
            if (isConstantToken(t.get(i)) && i + 2 < t.size() && t.get(i + 1).type() == TokenType.SYMBOL
                    && COMPARISONS.contains(t.get(i + 1).text())) {
                Column right = columnAt(t, i + 2, end);
                if (right != null) {
                    bound.add(right);
                    i = end[0];
                }
            }
        }
    }

    private static boolean isComparison(Token op) {
        return op.type() == TokenType.SYMBOL && COMPARISONS.contains(op.text()) || op.isWord("in")
                || op.isWord("between");
    }

    /** A column reference starting at i ({@code col} or {@code qualifier.col}); end[0] is its last token. */
    private Column columnAt(List<Token> t, int i, int[] end) {
        if (i >= t.size()) {
            return null;
        }
        Token tok = t.get(i);
        if (!tok.isIdentifier() || tok.type() == TokenType.WORD && KEYWORDS.contains(tok.text())) {
            return null;
        }
        if (i > 0 && (t.get(i - 1).isSymbol(".") || t.get(i - 1).isSymbol("::"))) {
            return null;
        }
        if (i + 1 < t.size() && t.get(i + 1).isSymbol("(")) {
            return null;
        }
        if (i + 2 < t.size() && t.get(i + 1).isSymbol(".") && t.get(i + 2).isIdentifier()) {
            end[0] = i + 2;
            String qualifier = tok.text();
            for (Participant p : participants) {
                if (p.qualifiers().contains(qualifier)) {
                    return new Column(p.relation(), t.get(i + 2).text());
                }
            }
            return null;
        }
        end[0] = i;
        return owner(tok.text());
    }

    /** An unqualified column belongs to the participant that has it (or the only one). */
    private Column owner(String column) {
        for (Participant p : participants) {
            if (p.relation().columns().containsKey(column)) {
                return new Column(p.relation(), column);
            }
        }
        return participants.size() == 1 ? new Column(participants.get(0).relation(), column) : null;
    }

    private static boolean isConstantToken(Token x) {
        return x.type() == TokenType.NUMBER || x.type() == TokenType.STRING || x.type() == TokenType.PARAM
                || x.type() == TokenType.DOLLAR_STRING;
    }

    private static boolean isConstant(List<Token> t, int i) {
        if (i >= t.size()) {
            return false;
        }
        Token x = t.get(i);
        if (x.isSymbol("-") || x.isSymbol("+")) {
            return isConstant(t, i + 1);
        }
        if (x.isSymbol("(") || isConstantToken(x)) {
            return true; // a literal, an IN list or a subquery
        }
        return x.type() == TokenType.WORD && (CONSTANT_WORDS.contains(x.text())
                || i + 1 < t.size() && t.get(i + 1).isSymbol("("));
    }

    private void propagateConstants() {
        List<Column> queue = new ArrayList<>(bound);
        while (!queue.isEmpty()) {
            Column c = queue.remove(queue.size() - 1);
            for (Column other : equal.getOrDefault(c, Set.of())) {
                if (bound.add(other)) {
                    queue.add(other);
                }
            }
        }
    }

    private void resolveReach() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Participant p : participants) {
                Relation r = p.relation();
                if (reached.contains(r)) {
                    continue;
                }
                for (String lead : leadingColumns(r)) {
                    Column c = new Column(r, lead);
                    boolean viaJoin = equal.getOrDefault(c, Set.of()).stream()
                            .anyMatch(o -> o.relation() != r && reached.contains(o.relation()));
                    if (bound.contains(c) || viaJoin) {
                        reached.add(r);
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private List<String> leadingColumns(Relation r) {
        List<String> out = new ArrayList<>();
        List<Index> indexes = schema.indexesOn(r);
        if (!r.declared() && indexes.isEmpty()) {
            out.add("id"); // an undeclared table: assume the conventional primary key
        }
        for (Index i : indexes) {
            if (i.valid() && !i.partial() && !i.columns().isEmpty()) {
                out.add(i.columns().get(0));
            }
        }
        return out;
    }
}
