package dev.phasewise.plan;

import java.util.List;

/** A plan file that cannot be used: every problem, each with file and (where known) line and column. */
public final class PlanException extends Exception {
    private final List<String> problems;

    public PlanException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
