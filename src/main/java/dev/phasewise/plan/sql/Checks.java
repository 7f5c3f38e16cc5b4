package dev.phasewise.plan.sql;

/** Catalog queries that verify a step's outcome; each returns one boolean. Names travel as literals. */
public final class Checks {
    private Checks() {
    }

    private static String regclass(String table) {
        return "to_regclass(" + Sql.literal(Sql.table(table)) + ")";
    }

    public static Check columnExists(String table, String column, boolean exists) {
        return new Check("column " + table + "." + column + (exists ? " exists" : " is gone"),
                "SELECT " + (exists ? "" : "NOT ") + "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = "
                        + regclass(table) + " AND attname = " + Sql.literal(column) + " AND NOT attisdropped)");
    }

    public static Check columnNotNull(String table, String column) {
        return new Check(table + "." + column + " is NOT NULL",
                "SELECT coalesce((SELECT attnotnull FROM pg_attribute WHERE attrelid = " + regclass(table)
                        + " AND attname = " + Sql.literal(column) + "), false)");
    }

    public static Check columnType(String table, String column, String type) {
        return new Check(table + "." + column + " has type " + type,
                "SELECT coalesce((SELECT format_type(atttypid, atttypmod) = format_type(" + Sql.literal(type)
                        + "::regtype, NULL) OR format_type(atttypid, atttypmod) = " + Sql.literal(type)
                        + " FROM pg_attribute WHERE attrelid = " + regclass(table) + " AND attname = "
                        + Sql.literal(column) + "), false)");
    }

    public static Check indexValid(String schemaQualifiedIndex) {
        return new Check("index " + schemaQualifiedIndex + " exists and is valid",
                "SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = "
                        + regclass(schemaQualifiedIndex) + "), false)");
    }

    public static Check indexGone(String schemaQualifiedIndex) {
        return new Check("index " + schemaQualifiedIndex + " is gone",
                "SELECT " + regclass(schemaQualifiedIndex) + " IS NULL");
    }

    public static Check constraint(String table, String name, boolean mustBeValidated) {
        return new Check("constraint " + name + " on " + table + (mustBeValidated ? " is validated" : " exists"),
                "SELECT coalesce((SELECT " + (mustBeValidated ? "convalidated" : "true") + " FROM pg_constraint "
                        + "WHERE conrelid = " + regclass(table) + " AND conname = " + Sql.literal(name) + "), false)");
    }

    public static Check constraintGone(String table, String name) {
        return new Check("constraint " + name + " on " + table + " is gone",
                "SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + regclass(table)
                        + " AND conname = " + Sql.literal(name) + ")");
    }

    public static Check triggerExists(String table, String name, boolean exists) {
        return new Check("trigger " + name + " on " + table + (exists ? " exists" : " is gone"),
                "SELECT " + (exists ? "" : "NOT ") + "EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = "
                        + regclass(table) + " AND tgname = " + Sql.literal(name) + ")");
    }

    public static Check extension(String name) {
        return new Check("extension " + name + " is installed",
                "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = " + Sql.literal(name) + ")");
    }

    /** Index names are schema-local: qualify with the table's schema. */
    public static String indexIn(String table, String index) {
        int dot = table.indexOf('.');
        return dot < 0 ? index : table.substring(0, dot) + "." + index;
    }
}
