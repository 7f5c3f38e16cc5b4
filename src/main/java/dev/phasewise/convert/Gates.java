package dev.phasewise.convert;

/** The deploy-gate checklist items the rewrites add, in the input's language (plain SQL or Django). */
final class Gates {
    private Gates() {
    }

    static String writesNewColumn(Dialect d, String table, String column) {
        return d == Dialect.DJANGO
                ? "the model field " + column + " of " + table + " is null=True in the deployed release, and every form, "
                        + "serializer and save() writes " + column
                : "the deployed application writes " + column + " on every INSERT into " + table;
    }

    static String requiresColumn(Dialect d, String table, String column) {
        return d == Dialect.DJANGO
                ? "the model field " + column + " of " + table + " is required (null=False) in the next release"
                : "the application never writes NULL into " + table + "." + column;
    }

    static String backfillDone(String table, String column) {
        return "the backfill of " + table + " finished: no row left with " + column + " NULL";
    }

    static String noLongerUsesColumn(Dialect d, String table, String column) {
        return d == Dialect.DJANGO
                ? "the field " + column + " is removed from the model of " + table + " in the deployed release "
                        + "(no deployed code reads or writes it)"
                : "no deployed code reads or writes " + table + "." + column;
    }

    static String noLongerUsesTable(Dialect d, String table) {
        return d == Dialect.DJANGO
                ? "the model of " + table + " is deleted in the deployed release (no deployed code reads or writes it)"
                : "no deployed code reads or writes " + table;
    }

    static String readyForRename(Dialect d, String table, String from, String to) {
        return d == Dialect.DJANGO
                ? "the release with the model field of " + table + " renamed from " + from + " to " + to
                        + " is ready to deploy right after the rename; no deployed code outside the model names " + from
                : "the release that reads and writes " + table + "." + to + " instead of " + from + " is ready to "
                        + "deploy right after the rename (queries naming " + from + " fail until it is out)";
    }

    static String noLongerUsesOldTableName(Dialect d, String table, String to) {
        return d == Dialect.DJANGO
                ? "the release whose model uses db_table " + to + " is live on every instance (nothing reads or writes "
                        + table + ", now a view)"
                : "no deployed code names " + table + " any more (it is a view over " + to + " until the contract "
                        + "phase drops it)";
    }
}
