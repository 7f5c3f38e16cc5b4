package dev.phasewise.db.explain;

/**
 * A trigger that fired while an analysed statement ran: {@code calls} is how often, so a row
 * trigger on an UPDATE of n rows shows n. {@code constraintName} is set for the internal
 * triggers behind foreign keys.
 */
public record TriggerStat(String name, String constraintName, String relation, double timeMs, long calls) {
}
