package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandKinds;

/** Schema changes and data changes of existing rows in one transaction. */
public final class BackfillInDdlTransaction implements Rule {
    public static final RuleMeta META = new RuleMeta("PW123", "backfill-in-ddl-transaction", Severity.ERROR,
            "Data backfill in the same transaction as a schema change",
            "The DDL's lock (often ACCESS EXCLUSIVE) is held until the transaction commits, so every row the "
                    + "backfill changes extends the time the table is blocked; and a failure in the backfill rolls "
                    + "back the schema change too.",
            "Commit the schema change first (expand), then backfill in batches outside it, then contract in a "
                    + "later migration.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        TransactionState tx = ctx.tx();
        if (!tx.inTransaction()) {
            return;
        }
        Command c = ctx.command();
        boolean dml = CommandKinds.isDataChange(c);
        boolean changesExistingRows = dml && ctx.effects().stream().anyMatch(e -> e.preexisting()
                && e.lock() == LockMode.ROW_EXCLUSIVE && e.relation().holdsExistingRows());
        if (changesExistingRows && tx.ddlStatement() != 0) {
            String locked = tx.heldLocks().values().stream().filter(h -> h.mode().blocksWrites())
                    .map(h -> h.table() + " (" + h.mode().pgName() + ")").findFirst().orElse(null);
            out.report(META, ctx.index(), "this data change runs in the transaction of the schema change at statement "
                    + tx.ddlStatement() + (locked == null ? "" : ", which still holds " + locked
                    + " while every row is changed"),
                    "COMMIT;  -- end the schema change here\n-- then backfill in batches, outside it");
        } else if (!dml && CommandKinds.isSchemaChange(c) && tx.dmlStatement() != 0
                && ctx.effects().stream().anyMatch(TableEffect::preexisting)) {
            out.report(META, ctx.index(), "this schema change runs in the transaction of the data change at "
                    + "statement " + tx.dmlStatement() + ": its lock waits for and then extends that transaction",
                    "COMMIT;  -- end the data change before changing the schema");
        }
    }
}
