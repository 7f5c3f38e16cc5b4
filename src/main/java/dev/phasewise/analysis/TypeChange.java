package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Expr;
import dev.phasewise.analysis.sql.TypeName;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE} must rewrite the table. PostgreSQL skips the rewrite
 * when the old type is binary-coercible to the new one, or when the only change is a length or
 * precision modifier that its support functions prove cannot alter a stored value
 * (varchar, numeric, timestamp, time, interval, varbit).
 */
public final class TypeChange {
    private static final Set<String> TEXT_LIKE = Set.of("text", "varchar");
    private static final int MAX_TIME_PRECISION = 6;

    private TypeChange() {
    }

    /**
     * @param from the column's current type, or null when the schema does not know it
     *             (then Phasewise assumes the worst: a rewrite)
     */
    public static boolean requiresRewrite(TypeName from, TypeName to, Expr using, String column) {
        return requiresRewrite(null, from, to, using, column);
    }

    /**
     * The same, with the schema's domains: a domain's values are stored as its base type, so a change
     * between the two is a relabelling, unless the new type is a domain with a constraint (PostgreSQL
     * checks every value, and rewrites the table). A {@code USING} that only casts the column to the
     * new type ({@code "email"::varchar(254)}, as Django writes every AlterField) decides as no
     * {@code USING} at all: PostgreSQL simplifies the cast away before it decides.
     */
    public static boolean requiresRewrite(SchemaModel schema, TypeName from, TypeName to, Expr using, String column) {
        if (using != null && !isPlainColumn(using, column) && !isCastOfColumnTo(using, column, to)) {
            return true;
        }
        if (from == null) {
            return true;
        }
        if (schema != null && !from.base().equals(to.base()) && to.arrayDimensions() == 0 && from.arrayDimensions() == 0) {
            Optional<TypeName> toBase = schema.domainBase(to.base());
            if (toBase.isPresent() && schema.isConstrainedDomain(to.base())) {
                return true;
            }
            from = schema.domainBase(from.base()).orElse(from);
            to = toBase.orElse(to);
        }
        if (from.arrayDimensions() != to.arrayDimensions()) {
            return true;
        }
        String a = from.base();
        String b = to.base();
        if (a.equals(b)) {
            return !modifierChangeIsFree(a, from, to);
        }
        if (TEXT_LIKE.contains(a) && TEXT_LIKE.contains(b)) {
            // varchar(n) -> text is free; text -> varchar is free only without a limit
            return b.equals("varchar") && to.firstModifier() >= 0;
        }
        if ((a.equals("citext") && TEXT_LIKE.contains(b) && to.firstModifier() < 0)
                || (TEXT_LIKE.contains(a) && b.equals("citext"))) {
            return false;
        }
        if (a.equals("cidr") && b.equals("inet")) {
            return false;
        }
        // Since PostgreSQL 12, timestamp <-> timestamptz is free when the session TimeZone is UTC
        // (Phasewise assumes servers run in UTC, as most do).
        if ((a.equals("timestamp") && b.equals("timestamptz")) || (a.equals("timestamptz") && b.equals("timestamp"))) {
            return !precisionKept(from.firstModifier(), to.firstModifier());
        }
        if (a.equals("bit") && b.equals("varbit")) {
            return false;
        }
        return true;
    }

    /** True when changing the index opclass forces indexes on the column to be rebuilt. */
    public static boolean rebuildsIndexes(TypeName from, TypeName to) {
        return rebuildsIndexes(null, from, to);
    }

    /** The same, with the schema's domains: an index on a domain column uses its base type's opclass. */
    public static boolean rebuildsIndexes(SchemaModel schema, TypeName from, TypeName to) {
        if (from == null) {
            return true;
        }
        if (schema != null) {
            from = schema.domainBase(from.base()).orElse(from);
            to = schema.domainBase(to.base()).orElse(to);
        }
        String a = from.base();
        String b = to.base();
        if (a.equals(b) || TEXT_LIKE.contains(a) && TEXT_LIKE.contains(b)) {
            return false;
        }
        return true;
    }

    private static boolean modifierChangeIsFree(String base, TypeName from, TypeName to) {
        if (from.modifiers().equals(to.modifiers())) {
            return true;
        }
        int oldMod = from.firstModifier();
        int newMod = to.firstModifier();
        switch (base) {
            case "varchar":
            case "varbit":
                return newMod < 0 || (oldMod >= 0 && newMod >= oldMod);
            case "numeric":
                if (to.modifiers().isEmpty()) {
                    return true;
                }
                if (from.modifiers().isEmpty()) {
                    return false;
                }
                int oldScale = Math.max(0, from.modifierAt(1));
                int newScale = Math.max(0, to.modifierAt(1));
                return oldScale == newScale && newMod >= oldMod;
            case "timestamp":
            case "timestamptz":
            case "time":
            case "timetz":
                return precisionKept(oldMod, newMod);
            case "interval":
                return newMod < 0 || (oldMod >= 0 && newMod >= oldMod);
            default:
                return false;
        }
    }

    /**
     * A time type's fractional precision is kept when the new one is unlimited, at least the old one, or the
     * most there is (6, what an unlimited column holds): {@code timestamp} to {@code timestamp(6)} is free.
     */
    private static boolean precisionKept(int oldMod, int newMod) {
        return newMod < 0 || newMod >= MAX_TIME_PRECISION || (oldMod >= 0 && newMod >= oldMod);
    }

    /** {@code column::type} or {@code CAST(column AS type)}, the type spelled as the new one. */
    private static boolean isCastOfColumnTo(Expr using, String column, TypeName to) {
        List<Token> t = using.tokens();
        List<Token> type;
        if (t.size() >= 3 && t.get(0).isIdentifier() && t.get(0).text().equals(column) && t.get(1).isSymbol("::")) {
            type = t.subList(2, t.size());
        } else if (t.size() >= 6 && t.get(0).isWord("cast") && t.get(1).isSymbol("(") && t.get(2).isIdentifier()
                && t.get(2).text().equals(column) && t.get(3).isWord("as") && t.get(t.size() - 1).isSymbol(")")) {
            type = t.subList(4, t.size() - 1);
        } else {
            return false;
        }
        return spelled(type).equals(spelled(to));
    }

    /** A type as one string without spaces, its base name normalised: "varchar(254)", "int8[]". */
    private static String spelled(List<Token> tokens) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        StringBuilder base = new StringBuilder();
        while (i < tokens.size() && tokens.get(i).isIdentifier()) {
            base.append(base.length() == 0 ? "" : " ").append(tokens.get(i).text());
            i++;
        }
        s.append(TypeName.normalise(base.toString()));
        for (; i < tokens.size(); i++) {
            s.append(tokens.get(i).text());
        }
        return s.toString();
    }

    private static String spelled(TypeName to) {
        return TypeName.normalise(to.base()) + (to.modifiers().isEmpty() ? "" : "(" + String.join(",", to.modifiers()) + ")")
                + "[]".repeat(to.arrayDimensions());
    }

    private static boolean isPlainColumn(Expr using, String column) {
        var t = using.tokens();
        return t.size() == 1 && t.get(0).isIdentifier() && t.get(0).text().equals(column);
    }
}
