package dev.phasewise.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.phasewise.plan.steps.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A migration plan: what it changes and why, the timeouts its steps run with, and its three
 * phases with their steps and deploy gates.
 */
public record Plan(int version, String name, String description, String target,
                   @JsonProperty("lock_timeout") String lockTimeout,
                   @JsonProperty("statement_timeout") String statementTimeout,
                   Map<Phase, PhaseBlock> phases) {

    public static final int FORMAT_VERSION = 1;

    public Plan {
        Map<Phase, PhaseBlock> all = new LinkedHashMap<>();
        for (Phase p : Phase.inOrder()) {
            all.put(p, phases != null && phases.get(p) != null ? phases.get(p) : PhaseBlock.EMPTY);
        }
        phases = all;
        lockTimeout = lockTimeout == null ? "2s" : lockTimeout;
        statementTimeout = statementTimeout == null ? "0" : statementTimeout;
    }

    @JsonIgnore
    public PhaseBlock phase(Phase p) {
        return phases.get(p);
    }

    /** The lock_timeout the step runs with: its own, else the plan's. */
    public String lockTimeoutFor(Step s) {
        return s.lockTimeout() == null ? lockTimeout : s.lockTimeout();
    }

    /** The statement_timeout the step runs with: its own, else the plan's. */
    public String statementTimeoutFor(Step s) {
        return s.statementTimeout() == null ? statementTimeout : s.statementTimeout();
    }

    /** Every step, in run order, with its phase. */
    @JsonIgnore
    public List<Placed> steps() {
        List<Placed> out = new ArrayList<>();
        for (Phase p : Phase.inOrder()) {
            for (Step s : phases.get(p).steps()) {
                out.add(new Placed(p, s));
            }
        }
        return out;
    }

    public record Placed(Phase phase, Step step) {
    }
}
