package dev.phasewise.ui;

/** Every style class the views use, so that names live in one place next to phasewise.css. */
public final class Css {
    private Css() {
    }

    public static final String STYLESHEET = "/dev/phasewise/ui/phasewise.css";

    public static final String ROOT = "phasewise";
    public static final String TOOLBAR = "pw-toolbar";
    public static final String TIMELINE = "timeline";
    public static final String LANE = "lane";
    public static final String LANE_HEADER = "lane-header";
    public static final String GATE = "gate";
    public static final String GATE_TITLE = "gate-title";
    public static final String STEP_BLOCK = "step-block";
    public static final String STEP_KIND = "step-kind";
    public static final String STEP_TITLE = "step-title";
    public static final String STEP_META = "step-meta";
    public static final String STEP_STATUS = "step-status";
    public static final String RISK_GREEN = "risk-green";
    public static final String RISK_AMBER = "risk-amber";
    public static final String RISK_RED = "risk-red";
    public static final String SELECTED = "selected";
    public static final String SECTION_TITLE = "section-title";
    public static final String MUTED = "muted";
    public static final String LOCK_CARD = "lock-card";
    public static final String MATRIX_BLOCKED = "matrix-blocked";
    public static final String MATRIX_OK = "matrix-ok";
    public static final String FINDING_ERROR = "finding-error";
    public static final String FINDING_WARNING = "finding-warning";
    public static final String FINDING_INFO = "finding-info";
    public static final String SQL_AREA = "sql-area";
    public static final String SEQ_SCAN = "seq-scan";
    public static final String BAR = "bar";
    public static final String BAR_COST = "bar-cost";
    public static final String BAR_TIME = "bar-time";
    public static final String LIVE_PANEL = "live-panel";
    public static final String RUN_LOG = "run-log";
    public static final String GATE_ACTIVE = "gate-active";
    public static final String GATE_PASSED = "gate-passed";
    public static final String PLACEHOLDER = "placeholder";
    /** The before / after of Make it safe: its grid, and the hold the application suffers most from. */
    public static final String BEFORE_AFTER = "before-after";
    public static final String HOLD_WORST = "hold-worst";
    public static final String HOLD_BRIEF = "hold-brief";

    /** The Django project panel, its error line and the mark of an applied migration. */
    public static final String DJANGO_PROJECT = "django-project";
    public static final String DJANGO_ERROR = "django-error";
    public static final String DJANGO_APPLIED = "django-applied";

    /** RichTextFX text style classes (tokens and findings). */
    public static final String TOKEN_KEYWORD = "keyword";
    public static final String TOKEN_STRING = "string";
    public static final String TOKEN_COMMENT = "comment";
    public static final String TOKEN_NUMBER = "number";
    public static final String TOKEN_IDENT = "ident";
    public static final String TOKEN_PARAM = "param";
    public static final String TOKEN_ERROR = "lex-error";
    public static final String UNDERLINE = "finding";
}
