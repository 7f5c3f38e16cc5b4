package dev.phasewise.convert;

import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.Step;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The steps one statement becomes, placed in the plan and listed for its account entry. */
final class Became {
    private final PlanAssembly plan;
    private final Unit unit;
    private final List<String> lines = new ArrayList<>();

    Became(PlanAssembly plan, Unit unit) {
        this.plan = plan;
        this.unit = unit;
    }

    Phase add(Phase wanted, Collection<String> tables, Step step, boolean barrier) {
        Phase phase = plan.add(wanted, tables, step, barrier);
        lines.add(phase.label() + ": " + step.kind() + " " + step.id() + " - " + step.title());
        return phase;
    }

    /** A line for a step that an earlier statement already became (a merged UPDATE). */
    void note(String line) {
        lines.add(line);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    void account(Outcome outcome, String why) {
        plan.account(new AccountEntry(plan.file(), unit.index(), unit.statement().line(), unit.sql(), outcome, lines, why));
    }
}
