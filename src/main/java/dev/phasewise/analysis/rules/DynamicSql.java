package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** An EXECUTE in a code block whose command is built when it runs: no static analysis can read it. */
public final class DynamicSql implements Rule {
    public static final RuleMeta META = new RuleMeta("PW320", "dynamic-sql", Severity.INFO,
            "Dynamic SQL in a code block, not analysed",
            "EXECUTE format(...), EXECUTE of a concatenated string or of a variable runs a command whose text exists "
                    + "only when the block runs. Phasewise reads the other statements of a DO block or of a procedure "
                    + "called in the file (a $$, '...' or E'...' body, or BEGIN ATOMIC), the procedures they CALL, "
                    + "and EXECUTE of a string constant, but this command it does not analyse: it can take any lock "
                    + "on any table, and the block holds that lock until it ends.",
            "Trace the migration on a staging database (phasewise trace) to see what the command locks, or write "
                    + "it as a plain statement (or EXECUTE of a string constant) when its text is known in advance.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.DynamicSql d) {
            out.report(META, ctx.index(), d.what() + " was not analysed: its command is known only when it runs, "
                    + "and it can take any lock; phasewise trace shows what it does",
                    "-- phasewise trace --url <staging> " + ctx.file().file());
        }
    }
}
