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
import java.util.Objects;
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

    /**
     * A subquery run as a value, once per outer row (a SubPlan): its condition is read with its own relations as
     * the local ones, and a column of the outer query in it is a parameter, a constant for each run.
     */
    record Scalar(List<Participant> local, Expr where) {
    }

    /** Sublinks that may become joins: inside them a condition joins, as a JOIN's ON does. */
    private static final Set<String> JOINABLE_SUBLINKS = Set.of("exists", "in", "any", "some", "all");

    private record Column(Relation relation, String name) {
        // written out, as QualifiedName.Key's are: a record's generated ones spin classes on first use
        @Override
        public boolean equals(Object o) {
            return o instanceof Column c && Objects.equals(relation, c.relation) && Objects.equals(name, c.name);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(relation) + Objects.hashCode(name);
        }
    }

    private final SchemaModel schema;
    private final List<Participant> participants;
    private final boolean blockVariables;
    private final Set<Column> bound = new HashSet<>();
    private final Map<Column, Set<Column>> equal = new HashMap<>();
    private final Set<Relation> reached = Collections.newSetFromMap(new IdentityHashMap<>());

    AccessPaths(SchemaModel schema, List<Participant> participants, List<Expr> predicates) {
        this(schema, participants, predicates, List.of(), false);
    }

    /**
     * @param blockVariables the statement is inside a code block, whose variables it may name (in plain SQL an
     *                       unknown qualifier is a derived table's alias, not a parameter)
     */
    AccessPaths(SchemaModel schema, List<Participant> participants, List<Expr> predicates, List<Scalar> scalars,
                boolean blockVariables) {
        this.schema = schema;
        this.participants = participants;
        this.blockVariables = blockVariables;
        for (Expr p : predicates) {
            if (p != null) {
                read(p.tokens(), null);
            }
        }
        for (Scalar sc : scalars) {
            if (sc.where() != null) {
                read(sc.where().tokens(), sc.local());
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

    /**
     * Reads a condition. {@code local} is null for the statement's own conditions; for a scalar subquery's it holds
     * the subquery's relations: an equality between a local column and an outer one binds the local column (the
     * outer value is a parameter of each run), and a condition on outer columns alone filters nothing local.
     */
    private void read(List<Token> t, List<Participant> local) {
        for (int i = 0; i < t.size(); i++) {
            if (opensScalarSubquery(t, i)) {
                i = closing(t, i); // read as a Scalar of its own, with its own relations
                continue;
            }
            int[] end = new int[1];
            Column left = columnAt(t, i, end, local);
            if (left != null) {
                int op = end[0] + 1;
                if (op < t.size() && isComparison(t.get(op))) {
                    int[] rightEnd = new int[1];
                    Column right = opensScalarSubquery(t, op + 1) ? null : columnAt(t, op + 1, rightEnd, local);
                    if (right != null && t.get(op).isSymbol("=")) {
                        equality(left, right, local);
                    } else if (right == null && (isConstant(t, op + 1) || isVariable(t, op + 1, local))) {
                        bind(left, local);
                    }
                } else if (op + 1 < t.size() && t.get(op).isWord("is") && t.get(op + 1).isWord("null")) {
                    bind(left, local); // a B-tree finds NULLs too: WHERE col IS NULL is an index search
                }
                i = end[0];
                continue;
            }
            int valueEnd = isConstantToken(t.get(i)) ? i : variableEnd(t, i, local);
            if (valueEnd >= 0 && valueEnd + 2 < t.size() && t.get(valueEnd + 1).type() == TokenType.SYMBOL
                    && COMPARISONS.contains(t.get(valueEnd + 1).text())) {
                i = valueEnd;
                Column right = columnAt(t, i + 2, end, local);
                if (right != null) {
                    bind(right, local);
                    i = end[0];
                }
            }
        }
    }

    private boolean isVariable(List<Token> t, int i, List<Participant> local) {
        return variableEnd(t, i, local) >= 0;
    }

    /**
     * A name that is no column of the statement's relations is a variable of the code block around it (a
     * PL/pgSQL variable, a record's field {@code r.id}, NEW / OLD): PostgreSQL passes it to the statement as a
     * parameter, a constant for each run. Returns its last token, or -1. An unqualified name counts only when every
     * relation's columns are known, since otherwise it may be a column nothing declared.
     */
    private int variableEnd(List<Token> t, int i, List<Participant> local) {
        if (!blockVariables || i >= t.size()) {
            return -1;
        }
        Token tok = t.get(i);
        if (!tok.isIdentifier() || tok.type() == TokenType.WORD && (KEYWORDS.contains(tok.text())
                || CONSTANT_WORDS.contains(tok.text()))) {
            return -1;
        }
        if (i > 0 && (t.get(i - 1).isSymbol(".") || t.get(i - 1).isSymbol("::"))
                || i + 1 < t.size() && t.get(i + 1).isSymbol("(")) {
            return -1;
        }
        if (i + 2 < t.size() && t.get(i + 1).isSymbol(".") && t.get(i + 2).isIdentifier()) {
            if (i + 3 < t.size() && (t.get(i + 3).isSymbol(".") || t.get(i + 3).isSymbol("("))) {
                return -1; // schema.table.column, schema.function(...)
            }
            String qualifier = tok.text();
            boolean named = scope(local).stream().anyMatch(p -> p.qualifiers().contains(qualifier));
            return named ? -1 : i + 2;
        }
        if (!allColumnsKnown(local)) {
            return -1;
        }
        for (Participant p : scope(local)) {
            if (p.relation().columns().containsKey(tok.text())) {
                return -1;
            }
        }
        return i;
    }

    private void equality(Column left, Column right, List<Participant> local) {
        if (local != null) {
            boolean l = isLocal(left, local);
            boolean r = isLocal(right, local);
            if (l != r) {
                bound.add(l ? left : right); // the outer column is a parameter of the subquery
                return;
            }
            if (!l) {
                return;
            }
        }
        equal.computeIfAbsent(left, k -> new HashSet<>()).add(right);
        equal.computeIfAbsent(right, k -> new HashSet<>()).add(left);
    }

    private void bind(Column c, List<Participant> local) {
        if (local == null || isLocal(c, local)) {
            bound.add(c);
        }
    }

    private static boolean isLocal(Column c, List<Participant> local) {
        return local.stream().anyMatch(p -> p.relation() == c.relation());
    }

    /** A {@code (SELECT ...)} used as a value, not after EXISTS / IN / ANY (those read as joins). */
    private static boolean opensScalarSubquery(List<Token> t, int i) {
        if (i + 1 >= t.size() || !t.get(i).isSymbol("(") || !t.get(i + 1).isWord("select")) {
            return false;
        }
        return i == 0 || !(t.get(i - 1).type() == TokenType.WORD && JOINABLE_SUBLINKS.contains(t.get(i - 1).text()));
    }

    private static int closing(List<Token> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            if (t.get(k).isSymbol("(")) {
                depth++;
            } else if (t.get(k).isSymbol(")") && --depth == 0) {
                return k;
            }
        }
        return t.size() - 1;
    }

    private static boolean isComparison(Token op) {
        return op.type() == TokenType.SYMBOL && COMPARISONS.contains(op.text()) || op.isWord("in")
                || op.isWord("between");
    }

    /** A column reference starting at i ({@code col} or {@code qualifier.col}); end[0] is its last token. */
    private Column columnAt(List<Token> t, int i, int[] end, List<Participant> local) {
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
            for (Participant p : scope(local)) {
                if (p.qualifiers().contains(qualifier)) {
                    return new Column(p.relation(), t.get(i + 2).text());
                }
            }
            return null;
        }
        end[0] = i;
        return owner(tok.text(), local);
    }

    /** The participants a name is looked up in: a subquery's own relations first, as SQL scoping does. */
    private List<Participant> scope(List<Participant> local) {
        if (local == null) {
            return participants;
        }
        List<Participant> out = new ArrayList<>(local);
        out.addAll(participants);
        return out;
    }

    /** An unqualified column belongs to the participant that has it (or the only one). */
    private Column owner(String column, List<Participant> local) {
        for (Participant p : scope(local)) {
            if (p.relation().columns().containsKey(column)) {
                return new Column(p.relation(), column);
            }
        }
        if (blockVariables && allColumnsKnown(local)) {
            return null; // no column of any relation here: a variable of the code block (see variableEnd)
        }
        if (local != null) {
            // no declared column of that name: the innermost query's own relation, when it has one
            return local.size() == 1 ? new Column(local.get(0).relation(), column) : null;
        }
        return participants.size() == 1 ? new Column(participants.get(0).relation(), column) : null;
    }

    /** Every relation in scope was declared with its columns: a name none of them has is not a column. */
    private boolean allColumnsKnown(List<Participant> local) {
        List<Participant> all = scope(local);
        return !all.isEmpty() && all.stream().allMatch(p -> p.relation().declared()
                && !p.relation().columns().isEmpty());
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
