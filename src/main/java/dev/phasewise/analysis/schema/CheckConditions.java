package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a CHECK condition the way PostgreSQL's predicate prover (predtest.c) starts: as the list
 * of its top-level AND-ed conditions, each a comparison of a column with a constant, an IN list,
 * {@code col IS NOT NULL}, or something Phasewise does not read (and so proves nothing with).
 */
final class CheckConditions {
    /** The comparison operators, and what each becomes with its operands swapped. */
    private static final Map<String, String> SWAPPED = Map.of("=", "=", "<>", "<>", "!=", "<>", "<", ">",
            "<=", ">=", ">", "<", ">=", "<=");

    /** '2027-01-01 00:00:00+00' (or +00:00, or no zone) is the date 2027-01-01 at midnight UTC. */
    private static final Pattern MIDNIGHT = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(?: 00:00:00(?:\\+00(?::00)?)?)?$");

    private CheckConditions() {
    }

    /** {@code col OP constant}, written either way round; {@code op} as read with the column on the left. */
    record Comparison(String column, String op, List<Token> constant) {
    }

    /** "a AND (b AND c)" as a, b, c; "a OR b" and "x BETWEEN 1 AND 2" stay whole. */
    static List<List<Token>> conjuncts(List<Token> condition) {
        List<Token> t = unwrap(condition);
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean betweenOpen = false;
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isSymbol("(") || k.isSymbol("[")) {
                depth++;
            } else if (k.isSymbol(")") || k.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && k.isWord("between")) {
                betweenOpen = true;
            } else if (depth == 0 && k.isWord("and")) {
                if (betweenOpen) {
                    betweenOpen = false; // the AND of BETWEEN x AND y
                } else {
                    parts.add(t.subList(start, i));
                    start = i + 1;
                }
            }
        }
        parts.add(t.subList(start, t.size()));
        if (parts.size() == 1) {
            return List.of(t);
        }
        List<List<Token>> out = new ArrayList<>();
        parts.forEach(p -> out.addAll(conjuncts(p)));
        return out;
    }

    /** The condition without the parentheses around all of it: "((a))" is a, "(a) OR (b)" stays. */
    static List<Token> unwrap(List<Token> tokens) {
        List<Token> t = tokens;
        while (t.size() >= 2 && t.get(0).isSymbol("(") && closingOf(t, 0) == t.size() - 1) {
            t = t.subList(1, t.size() - 1);
        }
        return t;
    }

    /** {@code NOT (inner)}: the inner condition; null for anything else. */
    static List<Token> negated(List<Token> conjunct) {
        List<Token> t = unwrap(conjunct);
        if (t.size() >= 3 && t.get(0).isWord("not") && t.get(1).isSymbol("(") && closingOf(t, 1) == t.size() - 1) {
            return t.subList(2, t.size() - 1);
        }
        return null;
    }

    static boolean isNotNullOf(List<Token> conjunct, String column) {
        List<Token> t = unwrap(conjunct);
        return t.size() == 4 && isColumn(t.get(0), column) && t.get(1).isWord("is") && t.get(2).isWord("not")
                && t.get(3).isWord("null");
    }

    /** The conjunct as a comparison of one column with a constant, or null. */
    static Comparison comparison(List<Token> conjunct) {
        List<Token> t = unwrap(conjunct);
        for (int i = 1; i < t.size() - 1; i++) {
            Token op = t.get(i);
            if (op.type() != TokenType.SYMBOL || !SWAPPED.containsKey(op.text())) {
                continue;
            }
            List<Token> left = t.subList(0, i);
            List<Token> right = t.subList(i + 1, t.size());
            String o = op.text().equals("!=") ? "<>" : op.text();
            if (left.size() == 1 && isPlainColumn(left.get(0)) && isConstant(right)) {
                return new Comparison(left.get(0).text(), o, right);
            }
            if (right.size() == 1 && isPlainColumn(right.get(0)) && isConstant(left)) {
                return new Comparison(right.get(0).text(), SWAPPED.get(o), left);
            }
            return null;
        }
        return null;
    }

    /**
     * {@code col IN (c1, c2, ...)} of constants, or {@code col = ANY (ARRAY[c1, c2, ...])} as the
     * catalog writes it back: the constants; null for anything else.
     */
    static List<List<Token>> inList(List<Token> conjunct, String column) {
        List<Token> t = unwrap(conjunct);
        if (t.size() < 4 || !isColumn(t.get(0), column)) {
            return null;
        }
        if (t.get(1).isWord("in") && t.get(2).isSymbol("(") && closingOf(t, 2) == t.size() - 1) {
            return constants(t.subList(3, t.size() - 1));
        }
        if (t.size() >= 8 && t.get(1).isSymbol("=") && t.get(2).isWord("any") && t.get(3).isSymbol("(")
                && closingOf(t, 3) == t.size() - 1 && t.get(4).isWord("array") && t.get(5).isSymbol("[")
                && closingOf(t, 5) == t.size() - 2) {
            return constants(t.subList(6, t.size() - 2));
        }
        return null;
    }

    /** "c1, c2" as [c1, c2] when each is a constant; null otherwise. */
    static List<List<Token>> constants(List<Token> list) {
        List<List<Token>> values = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.size(); i++) {
            Token k = i < list.size() ? list.get(i) : null;
            if (k != null && (k.isSymbol("(") || k.isSymbol("["))) {
                depth++;
            } else if (k != null && (k.isSymbol(")") || k.isSymbol("]"))) {
                depth--;
            } else if (k == null || (depth == 0 && k.isSymbol(","))) {
                List<Token> v = list.subList(start, i);
                if (!isConstant(v)) {
                    return null;
                }
                values.add(v);
                start = i + 1;
            }
        }
        return values;
    }

    /**
     * Whether two constants are the same value as written: the same tokens, or the same string or
     * number once a cast is dropped ('d' and 'd'::text), a date also as the midnight the catalog
     * writes back ('2027-01-01' and '2027-01-01 00:00:00+00'::timestamp with time zone, on a
     * server in UTC as Phasewise assumes). Anything else is another value, or one Phasewise cannot
     * tell apart: not the same.
     */
    static boolean sameConstant(List<Token> a, List<Token> b) {
        String x = value(a);
        return x != null && x.equals(value(b));
    }

    /** A constant's value without its cast, or null when it is not a plain string or number. */
    private static String value(List<Token> v) {
        int i = 0;
        String sign = "";
        if (!v.isEmpty() && v.get(0).isSymbol("-")) {
            sign = "-";
            i++;
        }
        if (i >= v.size()) {
            return null;
        }
        Token t = v.get(i);
        if (t.type() == TokenType.NUMBER) {
            return sign + t.text();
        }
        if (t.type() != TokenType.STRING || !sign.isEmpty() || !t.text().startsWith("'")) {
            return null;
        }
        String s = t.text().substring(1, t.text().length() - 1).replace("''", "'");
        return "'" + MIDNIGHT.matcher(s).replaceFirst("$1");
    }


    static boolean isColumn(Token t, String column) {
        return isPlainColumn(t) && t.text().equals(column);
    }

    private static boolean isPlainColumn(Token t) {
        return t.type() == TokenType.QUOTED_IDENT
                || t.type() == TokenType.WORD && !Set.of("null", "true", "false", "not", "and", "or").contains(t.text());
    }

    /** A string or number, maybe negative, maybe with a cast: '2027-01-01', -1, '1'::int. */
    private static boolean isConstant(List<Token> v) {
        int i = 0;
        if (i < v.size() && v.get(i).isSymbol("-")) {
            i++;
        }
        if (i >= v.size() || v.get(i).type() != TokenType.STRING && v.get(i).type() != TokenType.NUMBER) {
            return false;
        }
        i++;
        if (i == v.size()) {
            return true;
        }
        if (!v.get(i).isSymbol("::") || i + 1 == v.size()) {
            return false;
        }
        for (int j = i + 1; j < v.size(); j++) {
            Token k = v.get(j);
            if (!(k.isIdentifier() || k.type() == TokenType.NUMBER || k.isSymbol("(") || k.isSymbol(")")
                    || k.isSymbol(","))) {
                return false;
            }
        }
        return true;
    }

    private static int closingOf(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isSymbol("(") || t.get(i).isSymbol("[")) {
                depth++;
            } else if (t.get(i).isSymbol(")") || t.get(i).isSymbol("]")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
