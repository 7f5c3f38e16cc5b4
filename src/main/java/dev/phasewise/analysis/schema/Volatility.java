package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.Expr;

import java.util.Set;

/**
 * Decides whether a DEFAULT expression is volatile. Since PostgreSQL 11 a non-volatile default
 * is stored once in the catalog; a volatile one must be computed for every existing row,
 * which rewrites the table.
 */
public final class Volatility {
    /** Built-in functions that are VOLATILE (from pg_proc.provolatile = 'v'), as used in defaults. */
    private static final Set<String> VOLATILE_BUILTINS = Set.of("random", "random_normal", "clock_timestamp",
            "timeofday", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v3",
            "uuid_generate_v4", "uuid_generate_v5", "uuidv4", "uuidv7", "nextval", "setval", "currval", "lastval",
            "txid_current", "pg_current_xact_id", "gen_random_bytes", "gen_salt", "crypt", "pg_sleep",
            "setseed", "lo_import", "dblink");

    private Volatility() {
    }

    /**
     * True when the expression calls a volatile function: a known volatile built-in, or a
     * function the schema declares VOLATILE (PostgreSQL's default for CREATE FUNCTION).
     */
    public static boolean isVolatile(Expr expr, SchemaModel schema) {
        for (String f : expr.functionCalls()) {
            String name = f.contains(".") ? f.substring(f.lastIndexOf('.') + 1) : f;
            if (VOLATILE_BUILTINS.contains(name)) {
                return true;
            }
            if ("volatile".equals(schema.functionVolatility(name))) {
                return true;
            }
        }
        return false;
    }
}
