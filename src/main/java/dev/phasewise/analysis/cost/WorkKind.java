package dev.phasewise.analysis.cost;

/** The work a statement does to a whole table while it holds its lock. */
public enum WorkKind {
    /** Reads every row (a validation, a NOT NULL check, an unindexed UPDATE's search). */
    SCAN("scan"),
    /** Writes the table and its TOAST again and rebuilds every index. */
    REWRITE("rewrite"),
    /** Reads every row, sorts the keys and writes a new index. */
    INDEX_BUILD("index build");

    private final String words;

    WorkKind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
