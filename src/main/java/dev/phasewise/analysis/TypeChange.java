package dev.phasewise.analysis;

import dev.phasewise.analysis.sql.Expr;
import dev.phasewise.analysis.sql.TypeName;

import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE} must rewrite the table. PostgreSQL skips the rewrite
 * when the old type is binary-coercible to the new one, or when the only change is a length or
 * precision modifier that its support functions prove cannot alter a stored value
 * (varchar, numeric, timestamp, time, interval, varbit).
 */
public final class TypeChange {
    private static final Set<String> TEXT_LIKE = Set.of("text", "varchar");

    private TypeChange() {
    }

    /**
     * @param from the column's current type, or null when the schema does not know it
     *             (then Phasewise assumes the worst: a rewrite)
     */
    public static boolean requiresRewrite(TypeName from, TypeName to, Expr using, String column) {
        if (using != null && !isPlainColumn(using, column)) {
            return true;
        }
        if (from == null) {
            return true;
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
            int oldMod = from.firstModifier();
            int newMod = to.firstModifier();
            return !(newMod < 0 || (oldMod >= 0 && newMod >= oldMod));
        }
        if (a.equals("bit") && b.equals("varbit")) {
            return false;
        }
        return true;
    }

    /** True when changing the index opclass forces indexes on the column to be rebuilt. */
    public static boolean rebuildsIndexes(TypeName from, TypeName to) {
        if (from == null) {
            return true;
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
            case "interval":
                return newMod < 0 || (oldMod >= 0 && newMod >= oldMod);
            default:
                return false;
        }
    }

    private static boolean isPlainColumn(Expr using, String column) {
        var t = using.tokens();
        return t.size() == 1 && t.get(0).isIdentifier() && t.get(0).text().equals(column);
    }
}
