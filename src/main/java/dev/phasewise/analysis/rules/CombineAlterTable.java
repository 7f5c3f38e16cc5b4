package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.Command;

import java.util.HashMap;
import java.util.Map;

/** Several ALTER TABLE statements on one table, each taking ACCESS EXCLUSIVE. */
public final class CombineAlterTable implements Rule {
    public static final RuleMeta META = new RuleMeta("PW206", "combine-alter-table", Severity.INFO,
            "Several ALTER TABLE statements on the same table",
            "Each ALTER TABLE that takes ACCESS EXCLUSIVE queues for the lock again (each wait can stall the "
                    + "application), and each rewriting action rewrites the table again.",
            "Combine the actions into one ALTER TABLE with comma-separated actions: one lock, at most one rewrite. "
                    + "RENAME, SET SCHEMA and ATTACH / DETACH PARTITION cannot be combined and are left alone, and so "
                    + "are the steps of a plan, which run apart on purpose.");

    private static final class Memory {
        final Map<String, Integer> first = new HashMap<>();
    }

    /** PostgreSQL combines every ALTER TABLE form into one list except RENAME, SET SCHEMA, ATTACH and DETACH PARTITION. */
    private static boolean standsAlone(AlterAction action) {
        return action instanceof AlterAction.RenameColumn || action instanceof AlterAction.RenameTo
                || action instanceof AlterAction.RenameConstraint || action instanceof AlterAction.SetSchema
                || action instanceof AlterAction.AttachPartition || action instanceof AlterAction.DetachPartition;
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!(ctx.command() instanceof Command.AlterTable a) || !a.objectKind().equals("table")
                || ctx.lockOn(a.table()) != LockMode.ACCESS_EXCLUSIVE || !Support.hasRows(ctx, a.table())
                || a.actions().stream().anyMatch(CombineAlterTable::standsAlone)) {
            return;
        }
        Memory m = ctx.file().memory(Memory.class, Memory::new);
        StatementUnits units = ctx.file().units();
        // only statements meant to run together can be merged: a plan's actions are separate on purpose
        String key = units.unitOf(ctx.index()) + "\u0000" + a.table().key().schema() + "\u0000" + a.table().key().name();
        Integer first = m.first.putIfAbsent(key, ctx.index());
        if (first != null && first != ctx.index()) {
            String earlier = units.name(first);
            out.report(META, ctx.index(), earlier + " already altered " + a.table().display()
                    + " under AccessExclusiveLock; this one takes the lock again",
                    "-- merge into " + earlier + ": ALTER TABLE " + Support.q(a.table())
                            + " <action 1>, <action 2>;");
        }
    }
}
