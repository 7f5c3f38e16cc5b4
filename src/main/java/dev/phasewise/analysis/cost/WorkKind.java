package dev.phasewise.analysis.cost;

import java.util.Locale;

/** The work a statement does to a whole table while it holds its lock. */
public enum WorkKind {
    /** Reads every row (a validation, a NOT NULL check, an unindexed UPDATE's search). */
    SCAN("scan", "the %s heap"),
    /** Writes the table and its TOAST again and rebuilds every index. */
    REWRITE("rewrite", "%s on disk"),
    /** Reads every row, sorts the keys and writes a new index. */
    INDEX_BUILD("index build", "the %s heap");

    private final String words;
    private final String sizeWording;

    WorkKind(String words, String sizeWording) {
        this.words = words;
        this.sizeWording = sizeWording;
    }

    public String words() {
        return words;
    }

    /**
     * A size labelled with which of the table's bytes the work goes through, in the words of
     * {@link Bytes#table}: "the 2.2 GB heap" (a scan, an index build), "2.4 GB on disk" (a rewrite).
     */
    public String sized(String humanBytes) {
        return String.format(Locale.ROOT, sizeWording, humanBytes);
    }
}
