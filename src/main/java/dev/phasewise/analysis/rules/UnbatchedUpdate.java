package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.QualifiedName;

/** UPDATE or DELETE over a whole existing table in one transaction. */
public final class UnbatchedUpdate implements Rule {
    public static final RuleMeta META = new RuleMeta("PW122", "unbatched-backfill", Severity.WARNING,
            "UPDATE or DELETE that touches the whole table in one statement",
            "A single UPDATE/DELETE over a large table holds row locks on every row it changes until it commits "
                    + "(writers to those rows wait for minutes), creates one huge burst of WAL that replicas must "
                    + "replay, doubles the table's size in dead rows, and cannot be paused or resumed.",
            "Backfill in keyset batches, each its own short transaction (phasewise backfill, or a plan's "
                    + "backfill step), pausing when replicas lag.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName table;
        String set = null;
        String where = null;
        if (ctx.command() instanceof Command.Update u) {
            table = u.table();
            set = ctx.statement().text();
            where = u.where() == null ? null : u.where().text();
        } else if (ctx.command() instanceof Command.Delete d) {
            table = d.table();
            where = d.where() == null ? null : d.where().text();
        } else {
            return;
        }
        TableEffect e = ctx.effectOn(table).orElse(null);
        if (e == null || !e.scan() || !e.relation().holdsExistingRows()) {
            return;
        }
        String verb = set != null ? "UPDATE" : "DELETE";
        String fix = set != null
                ? "phasewise backfill --url $DATABASE_URL --table " + table.display() + " --set \""
                + setClause(set) + "\"" + (where == null ? "" : " --where \"" + where.replace("\"", "\\\"") + "\"")
                + " --batch-ms 200"
                : "-- delete in batches, each its own transaction, until no row is left:\nDELETE FROM "
                + Support.q(table) + " WHERE ctid IN (SELECT ctid FROM " + Support.q(table)
                + (where == null ? "" : " WHERE " + where) + " LIMIT 5000);";
        out.report(META, ctx.index(), verb + " reads all of " + ctx.describe(table) + " in one transaction, "
                + "holding the row lock of every row it changes until commit (writers to those rows wait)", fix);
    }

    private static String setClause(String update) {
        int set = Support.indexOfWord(update, "set");
        int where = Support.indexOfWord(update, "where");
        int from = Support.indexOfWord(update, "from");
        int end = update.length();
        if (where > set) {
            end = where;
        }
        if (from > set && from < end) {
            end = from;
        }
        return set < 0 ? "..." : update.substring(set + 3, end).strip().replace("\"", "\\\"");
    }
}
