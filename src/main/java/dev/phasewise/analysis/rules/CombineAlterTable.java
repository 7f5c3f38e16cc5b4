package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.LockMode;
import dev.phasewise.analysis.Severity;
import dev.phasewise.analysis.sql.Command;

import java.util.HashMap;
import java.util.Map;

/** Several ALTER TABLE statements on one table, each taking ACCESS EXCLUSIVE. */
public final class CombineAlterTable implements Rule {
    public static final RuleMeta META = new RuleMeta("PW206", "combine-alter-table", Severity.INFO,
            "Several ALTER TABLE statements on the same table",
            "Each ALTER TABLE that takes ACCESS EXCLUSIVE queues for the lock again (each wait can stall the "
                    + "application), and each rewriting action rewrites the table again.",
            "Combine the actions into one ALTER TABLE with comma-separated actions: one lock, at most one rewrite.");

    private static final class Memory {
        final Map<String, Integer> first = new HashMap<>();
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!(ctx.command() instanceof Command.AlterTable a) || !a.objectKind().equals("table")
                || ctx.lockOn(a.table()) != LockMode.ACCESS_EXCLUSIVE || !Support.hasRows(ctx, a.table())) {
            return;
        }
        Memory m = ctx.file().memory(Memory.class, Memory::new);
        Integer first = m.first.putIfAbsent(a.table().key(), ctx.index());
        if (first != null) {
            out.report(META, ctx.index(), "statement " + first + " already altered " + a.table().display()
                    + " under AccessExclusiveLock; this one takes the lock again",
                    "-- merge into statement " + first + ": ALTER TABLE " + Support.q(a.table())
                            + " <action 1>, <action 2>;");
        }
    }
}
