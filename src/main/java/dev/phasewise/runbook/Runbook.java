package dev.phasewise.runbook;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanAnalysis;
import dev.phasewise.plan.sql.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A printable runbook of a plan: the entry point for the CLI and the desktop print preview.
 * Built only from input without errors, so that no half-rendered document is ever produced;
 * then {@link #html()}, {@link #markdown()} and {@link #pdf(Paper)} lay out the same model.
 */
public final class Runbook {
    private final RunbookModel model;

    private Runbook(RunbookModel model) {
        this.model = model;
    }

    /**
     * Analyses the plan against the schema and builds its runbook.
     *
     * @param planFile  the plan's file name, for messages
     * @param schema    what exists before the plan (may be empty); the analysis changes it
     * @param version   the PostgreSQL major to analyse for, or null to take it from the target's or
     *                  the rehearsal's server version (17 when neither names one)
     * @param target    what is known of the target database, or null
     * @param rehearsal a rehearsal's timings, or null
     * @throws RunbookException listing every problem (SQL the analysis cannot parse, rehearsal
     *                          steps the plan does not have)
     */
    public static Runbook analyze(String planFile, Plan plan, SchemaModel schema, PgVersion version, Target target,
                                  Rehearsal rehearsal) throws RunbookException {
        PgVersion v = version != null ? version : versionOf(target, rehearsal);
        Map<String, List<StatementResult>> analysis = PlanAnalysis.analyze(plan, schema, v);
        return of(planFile, plan, analysis, target, rehearsal);
    }

    /** Builds the runbook from an analysis already made (action id → statement results). */
    public static Runbook of(String planFile, Plan plan, Map<String, List<StatementResult>> analysis, Target target,
                             Rehearsal rehearsal) throws RunbookException {
        List<String> problems = new ArrayList<>();
        for (Plan.Placed placed : plan.steps()) {
            for (Action a : placed.step().forward()) {
                for (StatementResult r : analysis.getOrDefault(a.id(), List.of())) {
                    if (r.error() != null) {
                        problems.add(planFile + ": " + placed.phase().label() + " step " + placed.step().id()
                                + ": its SQL cannot be analysed: " + r.error());
                    }
                }
            }
        }
        if (rehearsal != null) {
            Set<String> ids = plan.steps().stream().map(p -> p.step().id()).collect(Collectors.toSet());
            for (StepTiming t : rehearsal.steps()) {
                if (!ids.contains(t.stepId())) {
                    problems.add(planFile + ": the rehearsal" + (rehearsal.runId() == null ? "" : " " + rehearsal.runId())
                            + " has a step '" + t.stepId() + "' that this plan does not (steps: "
                            + plan.steps().stream().map(p -> p.step().id()).collect(Collectors.joining(", "))
                            + "); is it a rehearsal of another plan?");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RunbookException(problems);
        }
        return new Runbook(RunbookModel.build(plan, analysis, target, rehearsal, RunbookModel.Limits.DEFAULT));
    }

    private static final Pattern MAJOR = Pattern.compile("(?:PostgreSQL\\s+)?(\\d{2})(?:\\.\\d+)?");

    /** The major version in "PostgreSQL 16.4 on x86_64..." or "16.4", or the default. */
    static PgVersion versionOf(Target target, Rehearsal rehearsal) {
        for (String s : new String[] {target == null ? null : target.serverVersion(),
                rehearsal == null ? null : rehearsal.serverVersion()}) {
            if (s != null) {
                Matcher m = MAJOR.matcher(s);
                if (m.find()) {
                    int major = Integer.parseInt(m.group(1));
                    if (major >= PgVersion.OLDEST && major <= PgVersion.NEWEST) {
                        return new PgVersion(major);
                    }
                }
            }
        }
        return PgVersion.DEFAULT;
    }

    public RunbookModel model() {
        return model;
    }

    /** Self-contained HTML for a browser or a WebView preview (inline CSS and SVG charts). */
    public String html() {
        return HtmlRunbook.render(model, HtmlRunbook.Medium.SCREEN, Paper.A4);
    }

    /** The XHTML the PDF is laid out from (PNG charts, page boxes for {@code paper}). */
    public String printHtml(Paper paper) {
        return HtmlRunbook.render(model, HtmlRunbook.Medium.PRINT, paper);
    }

    public String markdown() {
        return MarkdownRunbook.render(model);
    }

    public byte[] pdf(Paper paper) {
        return PdfRunbook.render(model, paper);
    }
}
