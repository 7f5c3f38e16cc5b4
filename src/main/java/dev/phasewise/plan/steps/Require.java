package dev.phasewise.plan.steps;

import dev.phasewise.plan.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of a step's settings. */
final class Require {
    private final String kind;
    private final List<String> problems = new ArrayList<>();

    Require(String kind) {
        this.kind = kind;
    }

    Require present(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()
                || value instanceof List<?> l && l.isEmpty()) {
            problems.add(kind + ": '" + field + "' is required: add a line '" + field + ": ...' to the step");
        }
        return this;
    }

    Require expression(String field, String value) {
        if (value != null) {
            try {
                Sql.expression(kind + ": '" + field + "'", value);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return this;
    }

    Require check(boolean ok, String message) {
        if (!ok) {
            problems.add(kind + ": " + message);
        }
        return this;
    }

    List<String> done() {
        return List.copyOf(problems);
    }
}
