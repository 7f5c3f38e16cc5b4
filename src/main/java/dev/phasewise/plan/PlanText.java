package dev.phasewise.plan;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.steps.Step;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code phasewise plan}'s human output: phase by phase, each step's SQL with its lock analysis. */
public final class PlanText {
    private PlanText() {
    }

    public static void write(Plan plan, Map<String, List<StatementResult>> analysis, PrintWriter out) {
        out.println("Plan: " + plan.name());
        if (plan.description() != null) {
            out.println("  " + plan.description().strip().replace("\n", "\n  "));
        }
        if (plan.target() != null) {
            out.println("  target: " + plan.target().strip());
        }
        out.println("  each step runs with lock_timeout " + plan.lockTimeout() + ", statement_timeout "
                + plan.statementTimeout() + " (0 = none)");
        int n = 0;
        for (Phase phase : Phase.inOrder()) {
            PhaseBlock block = plan.phase(phase);
            out.println();
            out.println(phase.label().toUpperCase(Locale.ROOT));
            if (block.steps().isEmpty()) {
                out.println("  (no steps)");
            }
            for (Step s : block.steps()) {
                n++;
                out.println("  " + n + ". " + s.title() + "   [" + s.kind() + " " + s.id() + "]");
                if (s.lockTimeout() != null || s.statementTimeout() != null) {
                    out.println("     -- this step runs with lock_timeout " + plan.lockTimeoutFor(s)
                            + ", statement_timeout " + plan.statementTimeoutFor(s));
                }
                for (Action a : s.forward()) {
                    out.println("     -- forward" + (a.transactional() ? "" : " (outside a transaction)"));
                    out.println(indent(a.sql().strip() + (a.sql().strip().endsWith(";") ? "" : ";"), 5));
                    for (StatementResult r : analysis.getOrDefault(a.id(), List.of())) {
                        for (TableEffect t : r.tables()) {
                            out.printf(Locale.ROOT, "       lock: %-24s %-26s %s%s%n", t.name(), t.lock().pgName(),
                                    t.rewrite() ? "rewrite " : "", t.scan() ? "scan" : "");
                        }
                        for (Finding f : r.findings()) {
                            out.println("       " + f.severity().label() + " " + f.rule().id() + " " + f.rule().name()
                                    + ": " + f.message());
                        }
                    }
                }
                Rollback rb = s.rollback();
                if (rb.reversible()) {
                    out.println("     -- rollback");
                    for (Action a : rb.actions()) {
                        out.println(indent(a.sql().strip() + ";", 5));
                    }
                } else {
                    out.println("     -- rollback: none (" + rb.irreversibleBecause() + ")");
                }
                for (Check c : s.verify()) {
                    out.println("     -- verify: " + c.description());
                    out.println(indent(c.sql() + ";", 5));
                }
            }
            if (block.gate() != null) {
                out.println();
                out.println("  == gate: " + block.gate().name());
                for (String item : block.gate().checklist()) {
                    out.println("     [ ] " + item);
                }
            }
        }
        out.flush();
    }

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        return pad + text.replace("\n", "\n" + pad);
    }
}
