package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** Renaming schemas, types, functions and other objects code refers to. */
public final class RenamingObject implements Rule {
    public static final RuleMeta META = new RuleMeta("PW314", "renaming-object", Severity.INFO,
            "Renaming a schema, type, function or other object",
            "Code, views and functions that refer to the object by its old name break when the rename commits.",
            "Create the new object beside the old one, move the users, then drop the old one.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.RenameObject r) {
            out.report(META, ctx.index(), "whatever refers to " + r.objectKind() + " "
                    + (r.name() == null ? "" : r.name().display()) + " by its old name breaks",
                    "-- create the new " + r.objectKind() + ", move its users, then drop the old one");
        }
    }
}
