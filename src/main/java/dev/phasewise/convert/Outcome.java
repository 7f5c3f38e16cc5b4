package dev.phasewise.convert;

/** What the converter did with one statement of the input. */
public enum Outcome {
    /** Replaced by safe steps that end in the same schema and data. */
    REWRITTEN("rewritten"),
    /** Kept as written, moved to the phase where it belongs (a drop to the contract phase). */
    MOVED("moved"),
    /** Folded into a step that an earlier statement already became (an UPDATE into a column's backfill). */
    MERGED("merged"),
    /** Already safe: kept as written. */
    KEPT("kept"),
    /** Risky, and not rewritten: kept as written with its finding. */
    KEPT_RISKY("kept, still risky"),
    /** Not carried into the plan (transaction control, session settings the plan's steps set themselves). */
    LEFT_OUT("left out");

    private final String words;

    Outcome(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
