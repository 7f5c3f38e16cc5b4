package dev.phasewise.runbook;

import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;

/** The runbook as GitHub-flavoured Markdown, for a pull request's description. */
public final class MarkdownRunbook {
    private MarkdownRunbook() {
    }

    public static String render(RunbookModel m) {
        StringBuilder o = new StringBuilder();
        Plan plan = m.plan();
        o.append("# Runbook: ").append(plan.name()).append("\n\n");
        if (plan.description() != null) {
            o.append(plan.description().strip()).append("\n\n");
        }
        o.append("| | |\n|---|---|\n");
        row(o, "Target database", or(m.target().database(), "_to fill in_"));
        row(o, "Server version", or(m.target().serverVersion(), "_to fill in_"));
        if (plan.target() != null) {
            row(o, "Plan notes", plan.target().strip());
        }
        row(o, "Timeouts", "lock_timeout " + plan.lockTimeout() + ", statement_timeout "
                + ("0".equals(plan.statementTimeout()) ? "none" : plan.statementTimeout()));
        Rehearsal r = m.rehearsal();
        if (r != null) {
            row(o, "Rehearsal", "run " + or(r.runId(), "?") + " on " + or(r.database(), "?")
                    + (r.serverVersion() == null ? "" : " (" + r.serverVersion() + ")")
                    + (r.startedAt() == null ? "" : ", " + r.startedAt()));
        } else {
            row(o, "Rehearsal", "none recorded: durations are estimates");
        }
        o.append("\n## Summary\n\n| # | Phase | Step | Strongest lock | Rewrite / scan | Expected | In a transaction |\n"
                + "|---:|---|---|---|---|---|---|\n");
        for (RunbookModel.StepView s : m.steps()) {
            o.append("| ").append(s.number()).append(" | ").append(s.phase().label()).append(" | ")
                    .append(cell(s.step().title())).append(" | `").append(s.lockName()).append('`')
                    .append(s.lockTable().isEmpty() ? "" : " on " + cell(s.lockTable())).append(" | ")
                    .append(s.rewriteScan()).append(" | ").append(cell(s.expected())).append(" | ")
                    .append(s.transactional()).append(" |\n");
        }
        for (RunbookModel.PhaseView p : m.phases()) {
            if (p.steps().isEmpty() && p.gate() == null) {
                continue;
            }
            o.append("\n## Phase: ").append(p.title()).append('\n');
            for (RunbookModel.StepView s : p.steps()) {
                step(o, m, s);
            }
            if (p.gate() != null) {
                o.append("\n### Deploy gate: ").append(p.gate().name()).append("\n\n");
                for (String item : p.gate().checklist()) {
                    o.append("- [ ] ").append(item).append('\n');
                }
            }
        }
        o.append("\n## Sign-off\n\n| Role | Name | Date | Signature |\n|---|---|---|---|\n");
        for (String role : m.signOffRoles()) {
            o.append("| ").append(role).append(" | | | |\n");
        }
        return o.toString();
    }

    private static void step(StringBuilder o, RunbookModel m, RunbookModel.StepView s) {
        o.append("\n### ").append(s.number()).append(". ").append(s.step().title()).append("\n\n");
        o.append('`').append(s.lockName()).append('`').append(s.lockTable().isEmpty() ? "" : " on " + s.lockTable())
                .append(" · rewrite/scan: ").append(s.rewriteScan()).append(" · in a transaction: ")
                .append(s.transactional()).append(" · expected: ").append(s.expected()).append("\n\n");
        o.append("**Pre-checks**\n\n");
        for (RunbookModel.PreCheck c : s.preChecks()) {
            o.append("- [ ] ").append(c.text()).append('\n');
        }
        o.append("\n**Forward SQL**\n\n");
        for (RunbookModel.ActionView a : s.actions()) {
            Action act = a.action();
            if (!act.transactional()) {
                o.append("_Outside a transaction block:_\n\n");
            }
            fence(o, act.sql().strip() + (act.sql().strip().endsWith(";") ? "" : ";"));
        }
        o.append("**Lock impact**\n\n");
        s.lockImpact().forEach(l -> o.append("- ").append(l).append('\n'));
        if (!s.findings().isEmpty()) {
            o.append("\n**Findings**\n\n");
            for (Finding f : s.findings()) {
                o.append("- ").append(f.severity().label()).append(' ').append(f.rule().id()).append(": ")
                        .append(f.message()).append('\n');
            }
        }
        o.append("\n**Verification**\n\n");
        if (s.verify().isEmpty()) {
            o.append("- [ ] no verification query: check the outcome by hand\n\n");
        }
        for (Check c : s.verify()) {
            o.append("- [ ] ").append(c.description()).append("\n\n");
            fence(o, c.sql() + ";");
        }
        o.append("**Abort if**\n\n");
        s.abort().forEach(a -> o.append("- ").append(a).append('\n'));
        o.append("\n**Rollback**\n\n");
        Rollback rb = s.rollback();
        if (rb.reversible()) {
            for (Action a : rb.actions()) {
                fence(o, a.sql().strip() + ";");
            }
        } else {
            o.append("No rollback: ").append(rb.irreversibleBecause()).append(".\n\n");
        }
        if (m.rehearsal() != null) {
            o.append("**Rehearsal**\n\n");
            if (s.timingNotes().isEmpty()) {
                o.append("- not run in the rehearsal\n");
            }
            s.timingNotes().forEach(t -> o.append("- ").append(t).append('\n'));
        }
    }

    private static void fence(StringBuilder o, String sql) {
        o.append("```sql\n").append(sql).append("\n```\n\n");
    }

    private static void row(StringBuilder o, String k, String v) {
        o.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String or(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
