package dev.phasewise.plan.sql;

/** A verification query that returns one boolean row: true when the step did what it should. */
public record Check(String description, String sql) {
}
