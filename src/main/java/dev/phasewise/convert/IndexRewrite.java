package dev.phasewise.convert;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.RelationKind;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.Identifiers;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.DropIndex;
import dev.phasewise.plan.steps.RawSql;

import java.util.List;
import java.util.Optional;

/**
 * CREATE INDEX, DROP INDEX and REINDEX on tables that existed before the migration become their
 * CONCURRENTLY form, each in its own non-transactional step; a drop moves to the contract phase.
 * The statement is otherwise kept exactly as written (CONCURRENTLY is inserted into its text), so
 * that every option it has (INCLUDE, WHERE, an expression, a method) and the name PostgreSQL gives
 * an unnamed index stay the same.
 */
final class IndexRewrite implements Rewrite {

    @Override
    public boolean convert(Unit unit, PlanAssembly plan) {
        if (unit.command() instanceof Command.CreateIndex c) {
            return create(unit, plan, c);
        }
        if (unit.command() instanceof Command.DropIndex d) {
            return drop(unit, plan, d);
        }
        if (unit.command() instanceof Command.Reindex r) {
            return reindex(unit, plan, r);
        }
        return false;
    }

    private static boolean create(Unit unit, PlanAssembly plan, Command.CreateIndex c) {
        if (c.concurrently() || !unit.existing(c.table()) || c.only()) {
            return false;
        }
        Optional<Relation> table = unit.relation(c.table());
        if (table.isPresent() && table.get().kind() == RelationKind.PARTITIONED_TABLE) {
            return false; // no CONCURRENTLY on a partitioned table: kept, with its finding
        }
        int at = indexOf(unit, "index");
        if (at < 0) {
            return false;
        }
        String sql = unit.text(0, at) + " CONCURRENTLY " + unit.text(at + 1, unit.tokens().size() - 1);
        String t = c.table().display();
        Became became = new Became(plan, unit);
        if (c.name() != null) {
            QualifiedName index = new QualifiedName(c.table().schema(), c.name());
            RawSql step = new RawSql(plan.id("create-index-" + c.name()), "create index " + c.name() + " on " + t
                    + " concurrently", sql, "DROP INDEX CONCURRENTLY IF EXISTS " + index.quoted(),
                    "SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass("
                            + Identifiers.literal(index.quoted()) + ")), false)");
            became.add(Phase.EXPAND, unit.tables(), step, true);
        } else {
            became.add(Phase.EXPAND, unit.tables(), new RawSql(plan.id("create-index-" + t), "create an index on " + t
                    + " concurrently", sql, null, null), true);
        }
        became.account(Outcome.REWRITTEN, "CREATE INDEX takes " + Risk.of(unit, c.table()) + " to build the index, "
                + "blocking every write. CREATE INDEX CONCURRENTLY builds it while "
                + "writes go on (SHARE UPDATE EXCLUSIVE), outside a transaction; a failed build leaves an invalid "
                + "index, which the runner drops before it retries.");
        return true;
    }

    private static boolean drop(Unit unit, PlanAssembly plan, Command.DropIndex d) {
        if (d.concurrently() || d.cascade()) {
            return false;
        }
        Became became = new Became(plan, unit);
        for (QualifiedName name : d.names()) {
            Optional<Index> index = unit.schema().findIndex(name);
            if (index.isPresent() && unit.relation(index.get().table()).map(Relation::createdByMigration).orElse(false)) {
                return false;
            }
            List<String> tables = index.map(i -> List.of(i.table().display())).orElse(List.copyOf(unit.tables()));
            became.add(Phase.CONTRACT, tables, new DropIndex(plan.id("drop-index-" + name.display()), null, null,
                    name.display(), null), true);
        }
        became.account(Outcome.REWRITTEN, "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table"
                + (unit.tables().isEmpty() ? "" : " (" + String.join(", ", unit.tables()) + ")")
                + ", which waits behind every running query and blocks all others meanwhile. DROP INDEX CONCURRENTLY "
                + "waits for them without blocking, one index per statement, in the contract phase.");
        return true;
    }

    private static boolean reindex(Unit unit, PlanAssembly plan, Command.Reindex r) {
        if (r.concurrently() || !(r.target().equals("index") || r.target().equals("table"))
                || !unit.version().atLeast(12)) {
            return false;
        }
        int at = indexOf(unit, r.target());
        if (at < 0) {
            return false;
        }
        String sql = unit.text(0, at) + " CONCURRENTLY " + unit.text(at + 1, unit.tokens().size() - 1);
        Became became = new Became(plan, unit);
        became.add(Phase.EXPAND, unit.tables(), new RawSql(plan.id("reindex-" + r.name().display()), "reindex "
                + r.name().display() + " concurrently", sql, null, null), true);
        became.account(Outcome.REWRITTEN, "REINDEX blocks writes of the table (and reads through the index) while "
                + "it rebuilds. REINDEX CONCURRENTLY (PostgreSQL 12+) rebuilds it while reads and writes go on.");
        return true;
    }

    /** The position of the first token that is this word, or -1. */
    private static int indexOf(Unit unit, String word) {
        List<Token> t = unit.tokens();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }
}
