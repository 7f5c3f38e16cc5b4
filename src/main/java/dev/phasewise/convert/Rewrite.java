package dev.phasewise.convert;

/** One pattern of risky statement and its safe, phased equivalent. */
interface Rewrite {

    /** Converts the statement into steps and its account entry; false when this rewrite does not apply. */
    boolean convert(Unit unit, PlanAssembly plan);
}
