package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.Command;

/** An explicit LOCK TABLE in a mode that blocks the application. */
public final class ExplicitLockTable implements Rule {
    public static final RuleMeta META = new RuleMeta("PW118", "explicit-lock-table", Severity.WARNING,
            "LOCK TABLE in a mode that blocks application traffic",
            "LOCK TABLE holds its lock until the transaction ends; the default mode, ACCESS EXCLUSIVE, blocks "
                    + "every read and write, and every later query queues behind it while it waits.",
            "Take the weakest mode that protects what the migration does, keep the transaction short, and set "
                    + "lock_timeout first so that the wait cannot stall the application.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!(ctx.command() instanceof Command.Lock l) || !l.mode().blocksWrites()) {
            return;
        }
        for (TableEffect e : ctx.effects()) {
            if (e.preexisting()) {
                out.report(META, ctx.index(), "LOCK TABLE " + e.name() + " IN " + l.mode().sqlName() + " MODE "
                        + l.mode().effectOn(e.name()) + " until commit",
                        "SET LOCAL lock_timeout = '2s';\n" + Support.semicolon(ctx.statement().text()));
                return;
            }
        }
    }
}
