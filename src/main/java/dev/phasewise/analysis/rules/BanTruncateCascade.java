package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.Command;

import java.util.stream.Collectors;

/** TRUNCATE ... CASCADE empties every table that references the named ones. */
public final class BanTruncateCascade implements Rule {
    public static final RuleMeta META = new RuleMeta("PW120", "ban-truncate-cascade", Severity.ERROR,
            "TRUNCATE ... CASCADE",
            "CASCADE also truncates every table with a foreign key to the named tables, and the tables "
                    + "referencing those, recursively: data far from the statement is deleted without a trace.",
            "Name every table to truncate explicitly, after checking the foreign keys that point to them.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.Truncate t && t.cascade()) {
            String all = ctx.effects().stream().map(TableEffect::name).collect(Collectors.joining(", "));
            out.report(META, ctx.index(), "TRUNCATE ... CASCADE empties " + all + " and blocks all reads and "
                    + "writes of them until commit",
                    "TRUNCATE " + ctx.effects().stream().map(e -> Support.q(e.relation().name()))
                            .collect(Collectors.joining(", ")) + ";  -- listed explicitly, after review");
        }
    }
}
