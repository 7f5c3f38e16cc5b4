package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether ATTACH PARTITION must scan. PostgreSQL skips the scan of the attached table when its
 * validated CHECK constraints (with its NOT NULL columns) imply the partition constraint, and the
 * scan of the default partition when its checks imply that none of its rows falls in the new bound
 * (PartConstraintImpliedByRelConstraint, predtest.c). Phasewise proves only what such a check
 * looks like when written for the purpose: for a range bound FROM (lo) TO (hi) on one column k,
 * {@code k >= lo AND k < hi} (k > lo is stronger, MINVALUE and MAXVALUE need no side), for a list
 * bound IN (...) {@code k IN (...)} of some of its values or {@code k = v}; on the default
 * partition {@code NOT (k >= lo AND k < hi)} or {@code NOT (k IN (...))} of at least the bound's
 * values. The partition constraint also says k IS NOT NULL, and a CHECK lets a row in when its
 * condition is NULL, so the key column must be NOT NULL on the attached table (or the check say
 * {@code k IS NOT NULL}). Constants must be written alike in the bound and the check. Anything
 * else (hash bounds, keys of several columns or expressions, another condition) counts as
 * unproven: a scan.
 */
public final class PartitionBoundProof {
    private PartitionBoundProof() {
    }

    /** Whether attaching {@code partition} to {@code parent} with {@code bound} scans the partition. */
    public static boolean partitionScans(Relation parent, Relation partition, Expr bound) {
        Bound b = Bound.read(bound.tokens());
        if (b == null) {
            return true;
        }
        for (Constraint c : validatedChecks(partition)) {
            List<List<Token>> conjuncts = CheckConditions.conjuncts(c.check().tokens());
            for (String key : keyCandidates(parent, conjuncts)) {
                boolean keyNotNull = partition.column(key).map(Column::notNull).orElse(false)
                        || conjuncts.stream().anyMatch(x -> CheckConditions.isNotNullOf(x, key));
                if (b.impliedBy(key, conjuncts, keyNotNull)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether attaching a partition with {@code bound} scans {@code defaultPartition} for rows of that bound. */
    public static boolean defaultPartitionScans(Relation parent, Relation defaultPartition, Expr bound) {
        Bound b = Bound.read(bound.tokens());
        if (b == null) {
            return true;
        }
        for (Constraint c : validatedChecks(defaultPartition)) {
            for (List<Token> conjunct : CheckConditions.conjuncts(c.check().tokens())) {
                List<Token> inner = CheckConditions.negated(conjunct);
                if (inner == null) {
                    continue;
                }
                List<List<Token>> excluded = CheckConditions.conjuncts(inner);
                for (String key : keyCandidates(parent, excluded)) {
                    if (b.implies(key, excluded)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static List<Constraint> validatedChecks(Relation r) {
        if (r == null) {
            return List.of();
        }
        return r.constraintsOfKind(ConstraintKind.CHECK).stream().filter(c -> c.validated() && c.check() != null)
                .toList();
    }

    /**
     * The partition key when the parent's is known (one plain column); when nothing declared it,
     * the columns the check compares, since a check written to match the bound names the key.
     */
    private static List<String> keyCandidates(Relation parent, List<List<Token>> conjuncts) {
        if (parent != null && !parent.partitionKey().isEmpty()) {
            return parent.partitionKey().size() == 1 ? parent.partitionKey() : List.of();
        }
        if (parent != null && parent.declared()) {
            return List.of(); // declared with a key Phasewise does not read (an expression)
        }
        List<String> columns = new ArrayList<>();
        for (List<Token> x : conjuncts) {
            CheckConditions.Comparison cmp = CheckConditions.comparison(x);
            if (cmp != null && !columns.contains(cmp.column())) {
                columns.add(cmp.column());
            }
            List<Token> t = CheckConditions.unwrap(x);
            if (!t.isEmpty() && t.get(0).isIdentifier() && !columns.contains(t.get(0).text())
                    && CheckConditions.inList(x, t.get(0).text()) != null) {
                columns.add(t.get(0).text());
            }
        }
        return columns;
    }

    /** FOR VALUES FROM (lo) TO (hi) or IN (v, ...) on a one-column key; null values mean MINVALUE / MAXVALUE. */
    private record Bound(List<Token> lower, List<Token> upper, List<List<Token>> in) {

        static Bound read(List<Token> t) {
            if (t.size() < 4 || !t.get(0).isWord("for") || !t.get(1).isWord("values")) {
                return null;
            }
            if (t.get(2).isWord("in") && t.get(3).isSymbol("(") && t.get(t.size() - 1).isSymbol(")")) {
                List<List<Token>> values = CheckConditions.constants(t.subList(4, t.size() - 1));
                return values == null || values.isEmpty() ? null : new Bound(null, null, values);
            }
            if (!t.get(2).isWord("from") || !t.get(3).isSymbol("(")) {
                return null;
            }
            int to = -1;
            for (int i = 4; i < t.size(); i++) {
                if (t.get(i).isWord("to") && t.get(i - 1).isSymbol(")")) {
                    to = i;
                    break;
                }
            }
            if (to < 0 || to + 1 >= t.size() || !t.get(to + 1).isSymbol("(") || !t.get(t.size() - 1).isSymbol(")")) {
                return null;
            }
            List<Token> lo = t.subList(4, to - 1);
            List<Token> hi = t.subList(to + 2, t.size() - 1);
            boolean minValue = lo.size() == 1 && lo.get(0).isWord("minvalue");
            boolean maxValue = hi.size() == 1 && hi.get(0).isWord("maxvalue");
            List<List<Token>> los = minValue ? null : CheckConditions.constants(lo);
            List<List<Token>> his = maxValue ? null : CheckConditions.constants(hi);
            if (!minValue && (los == null || los.size() != 1) || !maxValue && (his == null || his.size() != 1)) {
                return null; // a key of several columns, or a bound that is no constant
            }
            return new Bound(minValue ? null : los.get(0), maxValue ? null : his.get(0), null);
        }

        /** The conjuncts, on the partitioned table's key column, keep every row inside the bound. */
        boolean impliedBy(String key, List<List<Token>> conjuncts, boolean keyNotNull) {
            if (in != null) {
                for (List<Token> x : conjuncts) {
                    List<List<Token>> values = CheckConditions.inList(x, key);
                    CheckConditions.Comparison cmp = CheckConditions.comparison(x);
                    if (values == null && cmp != null && cmp.column().equals(key) && cmp.op().equals("=")) {
                        values = List.of(cmp.constant());
                    }
                    if (values != null && !values.isEmpty() && values.stream().allMatch(this::inBound)) {
                        return keyNotNull;
                    }
                }
                return false;
            }
            boolean lowerOk = lower == null || has(conjuncts, key, lower, ">=", ">");
            boolean upperOk = upper == null || has(conjuncts, key, upper, "<");
            return lowerOk && upperOk && keyNotNull;
        }

        /** The bound keeps every row inside the conjuncts: they are no stronger than the bound. */
        boolean implies(String key, List<List<Token>> conjuncts) {
            for (List<Token> x : conjuncts) {
                if (CheckConditions.isNotNullOf(x, key)) {
                    continue;
                }
                if (in != null) {
                    List<List<Token>> values = CheckConditions.inList(x, key);
                    CheckConditions.Comparison cmp = CheckConditions.comparison(x);
                    if (values == null && cmp != null && cmp.column().equals(key) && cmp.op().equals("=")) {
                        values = List.of(cmp.constant());
                    }
                    List<List<Token>> excluded = values;
                    if (excluded == null || !in.stream().allMatch(v -> contains(excluded, v))) {
                        return false;
                    }
                    continue;
                }
                CheckConditions.Comparison cmp = CheckConditions.comparison(x);
                if (cmp == null || !cmp.column().equals(key)) {
                    return false;
                }
                boolean lowerSide = lower != null && cmp.op().equals(">=") && CheckConditions.sameConstant(cmp.constant(), lower);
                boolean upperSide = upper != null && cmp.op().equals("<") && CheckConditions.sameConstant(cmp.constant(), upper);
                if (!lowerSide && !upperSide) {
                    return false;
                }
            }
            return !conjuncts.isEmpty();
        }

        private boolean inBound(List<Token> value) {
            return contains(in, value);
        }

        private static boolean contains(List<List<Token>> values, List<Token> value) {
            return values.stream().anyMatch(v -> CheckConditions.sameConstant(v, value));
        }

        private static boolean has(List<List<Token>> conjuncts, String key, List<Token> constant, String... ops) {
            for (List<Token> x : conjuncts) {
                CheckConditions.Comparison cmp = CheckConditions.comparison(x);
                if (cmp != null && cmp.column().equals(key) && List.of(ops).contains(cmp.op())
                        && CheckConditions.sameConstant(cmp.constant(), constant)) {
                    return true;
                }
            }
            return false;
        }
    }
}
