package dev.phasewise.analysis.rules;

import java.util.List;

/** Every rule, registered once, in id order. */
public final class Rules {
    public static final List<Rule> ALL = List.of();

    private Rules() {
    }
}
