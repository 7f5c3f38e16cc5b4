package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** Dropping views, types, functions, schemas and other objects code may use. */
public final class BanDropObject implements Rule {
    public static final RuleMeta META = new RuleMeta("PW319", "ban-drop-object", Severity.INFO,
            "Dropping a view, type, function, schema, sequence or extension",
            "Code and other objects that still use it fail once the drop commits; with CASCADE, everything that "
                    + "depends on it goes too (a dropped schema takes its tables).",
            "Drop only after the code stopped using it, never with CASCADE in a migration unless every dependent "
                    + "object is listed.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.DropObject d) {
            out.report(META, d.cascade() ? Severity.WARNING : Severity.INFO, ctx.index(), "users of " + d.objectKind() + " "
                    + String.join(", ", d.names().stream().map(n -> n.display()).toList()) + " fail once it is dropped"
                    + (d.cascade() ? ", and CASCADE drops everything that depends on it" : ""),
                    "-- drop after the code stopped using it" + (d.cascade() ? ", without CASCADE" : ""));
        } else if (ctx.command() instanceof Command.DropRelation d && !d.objectKind().equals("table")
                && d.names().stream().anyMatch(ctx::preexisting)) {
            out.report(META, ctx.index(), "users of " + d.objectKind() + " " + String.join(", ",
                            d.names().stream().map(n -> n.display()).toList()) + " fail once it is dropped",
                    "-- drop after the code stopped using it");
        }
    }
}
