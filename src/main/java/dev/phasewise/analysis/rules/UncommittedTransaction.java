package dev.phasewise.analysis.rules;

/** BEGIN with no COMMIT by the end of the file. */
public final class UncommittedTransaction implements Rule {
    public static final RuleMeta META = new RuleMeta("PW205", "ban-uncommitted-transaction", Severity.WARNING,
            "BEGIN without COMMIT",
            "A transaction still open at the end of the file is rolled back when the session ends (or stays open, "
                    + "holding every lock it took, when the tool keeps the session).",
            "End the file with COMMIT.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        // checked once, at the end of the file
    }

    @Override
    public void endOfFile(FileContext ctx, FindingSink out) {
        if (ctx.tx().explicitBlock()) {
            out.report(META, ctx.tx().beginStatement(), "the transaction opened here is never committed: its work "
                    + "is rolled back and its locks are held until the session ends", "COMMIT;");
        }
    }
}
