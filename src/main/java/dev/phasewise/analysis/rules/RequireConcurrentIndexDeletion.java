package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.Command;

/** DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table. */
public final class RequireConcurrentIndexDeletion implements Rule {
    public static final RuleMeta META = new RuleMeta("PW102", "require-concurrent-index-deletion", Severity.WARNING,
            "DROP INDEX without CONCURRENTLY",
            "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: while it waits for running queries "
                    + "to finish, every new read and write of the table queues behind it.",
            "Use DROP INDEX CONCURRENTLY (outside a transaction block); it waits for queries using the index "
                    + "without blocking the table.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.DropIndex d && !d.concurrently()) {
            String table = ctx.effects().stream().filter(TableEffect::preexisting).map(TableEffect::name)
                    .findFirst().orElse(null);
            if (ctx.effects().stream().noneMatch(TableEffect::preexisting) && !ctx.effects().isEmpty()) {
                return; // the index belongs to a table this migration created
            }
            String on = table == null ? "its table" : table;
            out.report(META, ctx.index(), "DROP INDEX takes ACCESS EXCLUSIVE on " + on + ": it "
                    + LockMode.ACCESS_EXCLUSIVE.effectOn(on) + " until commit",
                    Support.semicolon(Support.insertAfterWord(ctx.statement().text(), "index", " CONCURRENTLY")));
        }
    }
}
