package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.Command;

/** Constraints on domains: checked against every column of the type, and hard to change later. */
public final class DomainWithConstraint implements Rule {
    public static final RuleMeta META = new RuleMeta("PW126", "ban-domain-with-constraint", Severity.WARNING,
            "CHECK or NOT NULL constraint on a domain",
            "ALTER DOMAIN ... ADD CONSTRAINT scans every table with a column of that domain under SHARE (writes "
                    + "blocked); and constraints on domains cannot be added NOT VALID to tables one at a time, "
                    + "or changed without touching every such column.",
            "Put the CHECK constraint on the table columns themselves (NOT VALID, then VALIDATE), or add the "
                    + "domain constraint NOT VALID and VALIDATE it in a later transaction.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.CreateDomain d && d.hasConstraint()) {
            out.report(META, ctx.index(), "domain " + d.name().display() + " carries a constraint: every later "
                    + "change to it touches all columns of the type",
                    "-- declare the domain without the constraint and put CHECK (...) on the table columns");
        } else if (ctx.command() instanceof Command.AlterDomain d && d.addsConstraint() && !d.notValid()) {
            String tables = String.join(", ", ctx.effects().stream().filter(TableEffect::preexisting)
                    .map(TableEffect::name).toList());
            out.report(META, ctx.index(), "adding the constraint checks every column of domain " + d.name().display()
                    + (tables.isEmpty() ? "" : ", scanning " + tables + " while it blocks writes to them until commit"),
                    Support.semicolon(ctx.statement().text()) .replaceAll(";$", " NOT VALID;")
                            + "\n-- in a later transaction:\nALTER DOMAIN " + Support.q(d.name())
                            + " VALIDATE CONSTRAINT ...;");
        }
    }
}
