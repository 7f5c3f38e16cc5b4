package dev.phasewise.analysis.sql;

import java.util.List;
import java.util.Locale;

/**
 * A column type, normalised to PostgreSQL's internal names ({@code int4}, {@code varchar},
 * {@code timestamptz}...), with its modifiers ({@code varchar(300)} has {@code ["300"]}).
 *
 * @param serial set for serial, bigserial and smallserial, whose base is the integer type
 */
public record TypeName(String base, List<String> modifiers, int arrayDimensions, boolean serial) {

    public static TypeName of(String base, String... modifiers) {
        return new TypeName(base, List.of(modifiers), 0, false);
    }

    public boolean isArray() {
        return arrayDimensions > 0;
    }

    /** Length limit of varchar/char, precision of numeric or timestamp; -1 when absent. */
    public int firstModifier() {
        return modifierAt(0);
    }

    public int modifierAt(int i) {
        if (modifiers.size() <= i) {
            return -1;
        }
        try {
            return Integer.parseInt(modifiers.get(i).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public boolean is(String normalisedBase) {
        return base.equals(normalisedBase) && !isArray();
    }

    /** SQL spelling, e.g. {@code varchar(300)}, {@code bigint}, {@code timestamptz}, {@code text[]}. */
    public String sql() {
        StringBuilder b = new StringBuilder(displayBase());
        if (!modifiers.isEmpty()) {
            b.append('(').append(String.join(",", modifiers)).append(')');
        }
        b.append("[]".repeat(arrayDimensions));
        return b.toString();
    }

    private String displayBase() {
        if (serial) {
            return switch (base) {
                case "int2" -> "smallserial";
                case "int8" -> "bigserial";
                default -> "serial";
            };
        }
        return switch (base) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bool" -> "boolean";
            case "bpchar" -> "char";
            default -> base;
        };
    }

    /** Maps the many spellings PostgreSQL accepts to its internal type names. */
    public static String normalise(String spelled) {
        String s = spelled.toLowerCase(Locale.ROOT);
        if (s.startsWith("pg_catalog.")) {
            s = s.substring("pg_catalog.".length());
        }
        return switch (s) {
            case "int", "integer", "int4", "serial", "serial4" -> "int4";
            case "smallint", "int2", "smallserial", "serial2" -> "int2";
            case "bigint", "int8", "bigserial", "serial8" -> "int8";
            case "character varying", "varchar" -> "varchar";
            case "character", "char", "bpchar" -> "bpchar";
            case "decimal", "numeric" -> "numeric";
            case "real", "float4" -> "float4";
            case "double precision", "float8", "float" -> "float8";
            case "boolean", "bool" -> "bool";
            case "timestamp without time zone", "timestamp" -> "timestamp";
            case "timestamp with time zone", "timestamptz" -> "timestamptz";
            case "time without time zone", "time" -> "time";
            case "time with time zone", "timetz" -> "timetz";
            case "bit varying", "varbit" -> "varbit";
            default -> s;
        };
    }

    public static boolean isSerialSpelling(String spelled) {
        return switch (spelled.toLowerCase(Locale.ROOT)) {
            case "serial", "serial4", "bigserial", "serial8", "smallserial", "serial2" -> true;
            default -> false;
        };
    }
}
