package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** Code blocks and procedure calls whose locks no static analysis can see. */
public final class UnanalysedStatement implements Rule {
    public static final RuleMeta META = new RuleMeta("PW318", "unanalysed-statement", Severity.INFO,
            "Statement whose locks cannot be known without running it",
            "CALL of a procedure the file does not create, EXECUTE of a prepared statement, and a DO block Phasewise "
                    + "cannot read (in a language other than PL/pgSQL) run code that can take any lock on any table; "
                    + "the static analysis reports no lock for them, which does not mean they take none. (The "
                    + "statements of a PL/pgSQL DO block, or of a procedure created earlier in the file, are analysed "
                    + "one by one instead.)",
            "Trace the migration on a staging database (phasewise trace) to see what it really locks, or write "
                    + "the statements out as plain SQL.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.Unanalysed u) {
            out.report(META, ctx.index(), u.name() + ": " + u.reason(),
                    "-- phasewise trace --url <staging> " + ctx.file().file());
        }
    }
}
