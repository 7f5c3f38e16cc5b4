package dev.phasewise.plan;

import dev.phasewise.plan.steps.Step;

import java.util.List;

/** A phase's steps, and the deploy gate that follows it (or null). */
public record PhaseBlock(List<Step> steps, Gate gate) {
    public PhaseBlock {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public static final PhaseBlock EMPTY = new PhaseBlock(List.of(), null);
}
