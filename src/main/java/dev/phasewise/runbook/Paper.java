package dev.phasewise.runbook;

/** Page sizes a PDF runbook is laid out for. */
public enum Paper {
    A4("A4", 595.28f, 841.89f),
    LETTER("letter", 612f, 792f);

    private final String css;
    private final float widthPt;
    private final float heightPt;

    Paper(String css, float widthPt, float heightPt) {
        this.css = css;
        this.widthPt = widthPt;
        this.heightPt = heightPt;
    }

    /** The CSS {@code @page size} keyword. */
    public String css() {
        return css;
    }

    public float widthPt() {
        return widthPt;
    }

    public float heightPt() {
        return heightPt;
    }
}
