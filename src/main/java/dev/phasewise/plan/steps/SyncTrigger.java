package dev.phasewise.plan.steps;

import dev.phasewise.plan.sql.Sql;

/**
 * The trigger that keeps an old and a new column in step while old and new application code
 * run side by side: whichever column a write sets, the other follows.
 */
final class SyncTrigger {
    private SyncTrigger() {
    }

    static String functionName(String table, String from, String to) {
        return "phasewise_sync_" + bare(table) + "_" + from + "_" + to;
    }

    static String triggerName(String table, String from, String to) {
        return functionName(table, from, to);
    }

    /**
     * {@code toExpr}/{@code fromExpr}: how each column is computed from the other (for a type
     * change, a cast). The function body is a dollar-quoted string; only quoted identifiers and
     * checked expressions go into it.
     */
    static String createFunction(String table, String from, String to, String toExpr, String fromExpr) {
        String f = Sql.id(from);
        String t = Sql.id(to);
        String body = "BEGIN\n"
                + "  IF TG_OP = 'INSERT' THEN\n"
                + "    IF NEW." + t + " IS NULL THEN NEW." + t + " := " + toExpr + "; END IF;\n"
                + (fromExpr == null ? "" : "    IF NEW." + f + " IS NULL THEN NEW." + f + " := " + fromExpr + "; END IF;\n")
                + "  ELSIF NEW." + f + " IS DISTINCT FROM OLD." + f + " THEN\n"
                + "    NEW." + t + " := " + toExpr + ";\n"
                + (fromExpr == null ? "" : "  ELSIF NEW." + t + " IS DISTINCT FROM OLD." + t + " THEN\n"
                + "    NEW." + f + " := " + fromExpr + ";\n")
                + "  END IF;\n  RETURN NEW;\nEND";
        return "CREATE OR REPLACE FUNCTION " + Sql.id(functionName(table, from, to)) + "() RETURNS trigger "
                + "LANGUAGE plpgsql AS $phasewise$\n" + body + "\n$phasewise$";
    }

    static String createTrigger(String table, String from, String to) {
        return "CREATE TRIGGER " + Sql.id(triggerName(table, from, to)) + " BEFORE INSERT OR UPDATE ON "
                + Sql.table(table) + " FOR EACH ROW EXECUTE FUNCTION " + Sql.id(functionName(table, from, to)) + "()";
    }

    static String dropTrigger(String table, String from, String to) {
        return "DROP TRIGGER IF EXISTS " + Sql.id(triggerName(table, from, to)) + " ON " + Sql.table(table);
    }

    static String dropFunction(String table, String from, String to) {
        return "DROP FUNCTION IF EXISTS " + Sql.id(functionName(table, from, to)) + "()";
    }

    private static String bare(String table) {
        return table.substring(table.indexOf('.') + 1);
    }
}
