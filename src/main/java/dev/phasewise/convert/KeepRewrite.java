package dev.phasewise.convert;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.RawSql;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The last resort: the statement stays as written, in the expand phase (the contract phase for a
 * drop). The account says whether that is because it is safe, or because no rewrite applies, with
 * the lint findings that still hold.
 */
final class KeepRewrite implements Rewrite {

    @Override
    public boolean convert(Unit unit, PlanAssembly plan) {
        boolean drop = isDrop(unit.command());
        Became became = new Became(plan, unit);
        became.add(drop ? Phase.CONTRACT : Phase.EXPAND, unit.tables(),
                new RawSql(plan.id("sql-" + unit.index()), null, unit.sql(), null, null), true);
        StatementResult r = unit.analysis();
        List<Finding> risks = r.findings().stream().filter(f -> f.severity() != Severity.INFO
                && stillRisky(f.rule().id())).toList();
        if (!risks.isEmpty()) {
            became.account(Outcome.KEPT_RISKY, "No rewrite applies; kept as written, still risky: " + risks.stream()
                    .map(f -> f.rule().id() + " " + f.message()).collect(Collectors.joining("; ")));
        } else {
            became.account(Outcome.KEPT, drop ? "Safe; moved to the contract phase with the other removals."
                    : safeBecause(r));
        }
        return true;
    }

    /** Why a kept statement is safe: it locks nothing that exists, or only briefly, under the plan's lock_timeout. */
    private static String safeBecause(StatementResult r) {
        TableEffect strongest = r.tables().stream().filter(TableEffect::preexisting)
                .max(Comparator.comparing(TableEffect::lock)).orElse(null);
        if (strongest == null || !strongest.lock().blocksWrites()) {
            return "Safe as written: it blocks no reads or writes of a table that exists; kept.";
        }
        return "Safe as written: its " + strongest.lock().sqlName() + " lock on " + strongest.name() + " is brief "
                + "(no rewrite, no scan), and the plan runs it with lock_timeout so that it never queues the "
                + "application behind it for long; kept.";
    }

    /**
     * Whether a finding still holds once the statement is a plan step: the lock and rewrite risks (PW1xx)
     * and the renames that break deployed code do; the transaction findings do not (each step has its own
     * short transaction and the plan's lock_timeout), nor do drops, which the contract phase gates.
     */
    static boolean stillRisky(String rule) {
        return rule.startsWith("PW1") && !CURED_BY_STEPS.contains(rule) || BREAKING.contains(rule);
    }

    private static final Set<String> CURED_BY_STEPS = Set.of("PW103", "PW107", "PW123");
    private static final Set<String> BREAKING = Set.of("PW301", "PW302", "PW305");

    private static boolean isDrop(Command c) {
        if (c instanceof Command.DropRelation || c instanceof Command.DropObject) {
            return true;
        }
        if (c instanceof Command.TableObject o) {
            return o.drop();
        }
        return c instanceof Command.AlterTable a && !a.actions().isEmpty() && a.actions().stream()
                .allMatch(x -> x instanceof AlterAction.DropColumn || x instanceof AlterAction.DropConstraint);
    }
}
