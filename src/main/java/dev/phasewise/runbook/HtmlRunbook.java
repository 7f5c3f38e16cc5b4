package dev.phasewise.runbook;

import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;

import java.util.Base64;
import java.util.List;

/**
 * The runbook as one self-contained XHTML document (inline CSS; charts inline): for a browser
 * or a print preview ({@link Medium#SCREEN}: SVG charts), or for the PDF layout
 * ({@link Medium#PRINT}: PNG charts, page size, margin boxes with page numbers, a table of
 * contents with page numbers).
 */
public final class HtmlRunbook {
    public enum Medium { SCREEN, PRINT }

    private final RunbookModel m;
    private final Medium medium;
    private final Paper paper;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlRunbook(RunbookModel model, Medium medium, Paper paper) {
        this.m = model;
        this.medium = medium;
        this.paper = paper;
    }

    public static String render(RunbookModel model, Medium medium, Paper paper) {
        return new HtmlRunbook(model, medium, paper == null ? Paper.A4 : paper).document();
    }

    private String document() {
        Plan plan = m.plan();
        out.append("<!DOCTYPE html>\n<html")
                // the namespace is for openhtmltopdf's XML parser; a browser needs none
                .append(medium == Medium.PRINT ? " xmlns=\"http://www.w3.org/1999/xhtml\"" : "")
                .append(" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>Runbook: ").append(e(plan.name())).append("</title>\n")
                .append("<style>\n").append(css()).append("</style>\n</head>\n<body>\n");
        cover();
        toc();
        summary();
        for (RunbookModel.PhaseView p : m.phases()) {
            phase(p);
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void cover() {
        Plan plan = m.plan();
        out.append("<div class=\"cover\">\n<p class=\"kicker\">Migration runbook</p>\n<h1>")
                .append(e(plan.name())).append("</h1>\n");
        if (plan.description() != null) {
            for (String para : plan.description().strip().split("\n\\s*\n")) {
                out.append("<p class=\"desc\">").append(e(para.strip().replaceAll("\\s*\n\\s*", " "))).append("</p>\n");
            }
        }
        out.append("<table class=\"facts\">\n");
        fact("Target database", or(m.target().database(), "________________________"));
        fact("Server version", or(m.target().serverVersion(), "________________________"));
        if (plan.target() != null) {
            fact("Plan notes", plan.target().strip());
        }
        fact("Timeouts", "lock_timeout " + plan.lockTimeout() + ", statement_timeout "
                + ("0".equals(plan.statementTimeout()) ? "none" : plan.statementTimeout()));
        fact("Steps", m.steps().size() + " in " + m.phases().stream().filter(p -> !p.steps().isEmpty()).count()
                + " phases, " + m.phases().stream().filter(p -> p.gate() != null).count() + " deploy gates");
        Rehearsal r = m.rehearsal();
        if (r != null) {
            fact("Rehearsal", "run " + or(r.runId(), "?") + " on " + or(r.database(), "?")
                    + (r.serverVersion() == null ? "" : " (" + r.serverVersion() + ")"));
            if (r.startedAt() != null) {
                fact("Rehearsed", r.startedAt() + (r.finishedAt() == null ? "" : " to " + r.finishedAt()));
            }
        } else {
            fact("Rehearsal", "none recorded: durations below are estimates");
        }
        out.append("</table>\n");
        out.append("<h2 class=\"signoff-title\">Sign-off</h2>\n<table class=\"signoff\">\n<thead><tr><th>Role</th>"
                + "<th>Name</th><th>Date</th><th>Signature</th></tr></thead>\n<tbody>\n");
        for (String role : m.signOffRoles()) {
            out.append("<tr><td>").append(e(role)).append("</td><td></td><td></td><td></td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
    }

    private void fact(String k, String v) {
        out.append("<tr><th>").append(e(k)).append("</th><td>").append(e(v)).append("</td></tr>\n");
    }

    private void toc() {
        out.append("<div class=\"toc\">\n<h2>Contents</h2>\n<ul>\n");
        tocLine("summary", "Summary of steps", "");
        for (RunbookModel.PhaseView p : m.phases()) {
            if (p.steps().isEmpty() && p.gate() == null) {
                continue;
            }
            tocLine(p.anchor(), "Phase: " + p.title(), "toc-phase");
            for (RunbookModel.StepView s : p.steps()) {
                tocLine(s.anchor(), s.number() + ". " + s.step().title(), "toc-step");
            }
            if (p.gate() != null) {
                tocLine("gate-" + p.phase().label(), "Deploy gate: " + p.gate().name(), "toc-step");
            }
        }
        out.append("</ul>\n</div>\n");
    }

    private void tocLine(String anchor, String text, String cls) {
        out.append("<li class=\"").append(cls).append("\"><a href=\"#").append(anchor).append("\">")
                .append(e(text)).append("</a></li>\n");
    }

    private void summary() {
        out.append("<h2 id=\"summary\" class=\"section summary-title\">Summary of steps</h2>\n<table class=\"summary\">\n<colgroup><col class=\"n\"/><col class=\"ph\"/>"
                + "<col class=\"st\"/><col class=\"lk\"/><col class=\"rs\"/><col class=\"ex\"/><col class=\"tx\"/>"
                + "</colgroup>\n<thead><tr><th>#</th><th>Phase</th><th>Step</th><th>Strongest lock</th>"
                + "<th>Rewrite / scan</th><th>Expected</th><th>In a trans&#173;action</th></tr></thead>\n<tbody>\n");
        for (RunbookModel.StepView s : m.steps()) {
            out.append("<tr><td>").append(s.number()).append("</td><td>").append(s.phase().label())
                    .append("</td><td><a href=\"#").append(s.anchor()).append("\">").append(e(s.step().title()))
                    .append("</a></td><td class=\"lock ").append(lockClass(s)).append("\">")
                    .append(e(s.lockName()));
            if (!s.lockTable().isEmpty()) {
                out.append("<br/><span class=\"small\">").append(e(s.lockTable())).append("</span>");
            }
            out.append("</td><td>").append(s.rewriteScan()).append("</td><td>").append(expected(s.expected()))
                    .append("</td><td>").append(s.transactional()).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n<p class=\"legend\"><span class=\"lock red\">red</span>: blocks reads and "
                + "writes · <span class=\"lock amber\">amber</span>: blocks writes · <span class=\"lock green\">green"
                + "</span>: the application's reads and writes continue.</p>\n");
    }

    /** "~18 min 31 s (rehearsal 6 min 10 s × 3.0×)" → the figure, and its source in small type below. */
    private static String expected(String text) {
        int paren = text.indexOf(" (");
        if (paren < 0 || !text.endsWith(")")) {
            return e(text);
        }
        return e(text.substring(0, paren)) + "<span class=\"sub\">" + e(text.substring(paren + 2, text.length() - 1))
                + "</span>";
    }

    private static String lockClass(RunbookModel.StepView s) {
        return s.strongest().map(t -> t.lock().blocksReads() ? "red" : t.lock().blocksWrites() ? "amber" : "green")
                .orElse("green");
    }

    private void phase(RunbookModel.PhaseView p) {
        if (p.steps().isEmpty() && p.gate() == null) {
            return;
        }
        out.append("<div class=\"phase\">\n<h2 id=\"").append(p.anchor()).append("\" class=\"section\">Phase: ")
                .append(e(p.title())).append("</h2>\n");
        if (p.steps().isEmpty()) {
            out.append("<p>No steps in this phase.</p>\n");
        }
        for (RunbookModel.StepView s : p.steps()) {
            step(s);
        }
        if (p.gate() != null) {
            gate(p, p.gate());
        }
        out.append("</div>\n");
    }

    private void step(RunbookModel.StepView s) {
        out.append("<div class=\"step\">\n<h3 id=\"").append(s.anchor()).append("\">").append(s.number()).append(". ")
                .append(e(s.step().title())).append("</h3>\n");
        out.append("<p class=\"meta\"><span class=\"lock ").append(lockClass(s)).append("\">").append(e(s.lockName()))
                .append("</span>").append(s.lockTable().isEmpty() ? "" : " on " + e(s.lockTable()))
                .append(" · rewrite/scan: ").append(s.rewriteScan()).append(" · in a transaction: ")
                .append(s.transactional()).append(" · expected: ").append(e(s.expected())).append(" · <code>")
                .append(e(s.step().kind())).append(" ").append(e(s.step().id())).append("</code></p>\n");

        heading("Pre-checks");
        out.append("<ul class=\"checklist\">\n");
        for (RunbookModel.PreCheck c : s.preChecks()) {
            out.append("<li><span class=\"box\"></span>").append(e(c.text()));
            if (c.sql() != null) {
                sql(c.sql(), null);
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");

        heading("Forward SQL");
        for (RunbookModel.ActionView a : s.actions()) {
            Action act = a.action();
            sql(act.sql().strip() + (act.sql().strip().endsWith(";") ? "" : ";"),
                    act.transactional() ? null : "outside a transaction block: run it on its own, not inside BEGIN");
        }

        heading("Lock impact");
        out.append("<ul>\n");
        for (String l : s.lockImpact()) {
            out.append("<li>").append(e(l)).append("</li>\n");
        }
        out.append("</ul>\n");

        List<Finding> findings = s.findings();
        if (!findings.isEmpty()) {
            heading("Findings");
            out.append("<ul>\n");
            for (Finding f : findings) {
                out.append("<li><b>").append(e(f.severity().label())).append(" ").append(e(f.rule().id()))
                        .append("</b> ").append(e(f.message())).append("</li>\n");
            }
            out.append("</ul>\n");
        }

        heading("Verification");
        if (s.verify().isEmpty()) {
            out.append("<p>No verification query: check the outcome by hand.</p>\n");
        }
        for (Check c : s.verify()) {
            out.append("<div class=\"keep\"><p class=\"caption\"><span class=\"box\"></span>").append(e(c.description()))
                    .append(" (the query returns true)</p>\n");
            sql(c.sql() + ";", null);
            out.append("</div>\n");
        }

        heading("Abort if");
        out.append("<ul class=\"abort\">\n");
        for (String a : s.abort()) {
            out.append("<li>").append(e(a)).append("</li>\n");
        }
        out.append("</ul>\n");

        heading("Rollback");
        Rollback rb = s.rollback();
        if (rb.reversible()) {
            for (Action a : rb.actions()) {
                sql(a.sql().strip() + ";", a.transactional() ? null : "outside a transaction block");
            }
        } else {
            out.append("<p class=\"norollback\">No rollback: ").append(e(rb.irreversibleBecause())).append(".</p>\n");
        }

        if (m.rehearsal() != null) {
            // heading, measurements and chart move to the next page together
            out.append("<div class=\"keep\">\n");
            heading("Rehearsal");
            if (s.timingNotes().isEmpty()) {
                out.append("<p>Not run in the rehearsal.</p>\n");
            } else {
                out.append("<ul class=\"timing\">\n");
                for (String t : s.timingNotes()) {
                    out.append("<li>").append(e(t)).append("</li>\n");
                }
                out.append("</ul>\n");
            }
            s.timing().map(StepTiming::backfill).filter(b -> b.samples().size() > 1).ifPresent(b -> chart(b));
            out.append("</div>\n");
        }
        out.append("</div>\n");
    }

    private void chart(BackfillTiming b) {
        double floor = b.liveRowsPerSecond() * m.limits().backfillRateFraction();
        out.append("<div class=\"chartbox\">\n<p class=\"caption\">Backfill rate during the rehearsal (rows/s)</p>\n");
        if (medium == Medium.SCREEN) {
            out.append(RateChart.svg(b, floor));
        } else {
            out.append("<img class=\"chart\" alt=\"backfill rows per second over time\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(RateChart.png(b, floor, 3))).append("\"/>");
        }
        out.append("\n</div>\n");
    }

    private void gate(RunbookModel.PhaseView p, Gate g) {
        out.append("<div class=\"gate\">\n<h3 id=\"gate-").append(p.phase().label()).append("\">Deploy gate: ")
                .append(e(g.name())).append("</h3>\n<p>Do not start the next phase until every item is confirmed."
                        + "</p>\n<ul class=\"checklist\">\n");
        for (String item : g.checklist()) {
            out.append("<li><span class=\"box\"></span>").append(e(item)).append("</li>\n");
        }
        out.append("</ul>\n<p class=\"confirm\">Confirmed by ____________________ at ____________ (time)</p>\n</div>\n");
    }

    private void heading(String text) {
        out.append("<h4>").append(e(text)).append("</h4>\n");
    }

    private void sql(String sql, String caption) {
        out.append("<div class=\"keep\">");
        if (caption != null) {
            out.append("<p class=\"caption warn\">").append(e(caption)).append("</p>");
        }
        out.append("<pre class=\"sql\">").append(SqlHighlighter.html(sql)).append("</pre></div>\n");
    }

    private static String e(String s) {
        return Html.escape(s);
    }

    private static String or(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String cssString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }

    private String css() {
        boolean print = medium == Medium.PRINT;
        String sans = print ? "'DejaVu Sans'" : "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif";
        String mono = print ? "'DejaVu Sans Mono'" : "'DejaVu Sans Mono', Menlo, Consolas, monospace";
        StringBuilder c = new StringBuilder();
        c.append("@page {\n  size: ").append(paper.css()).append(";\n  margin: 18mm 15mm 18mm 15mm;\n")
                .append("  @top-left { content: ").append(cssString("Runbook: " + m.plan().name()))
                .append("; font-family: ").append(sans).append("; font-size: 8pt; color: #666; }\n")
                .append("  @top-right { content: \"Phasewise\"; font-family: ").append(sans)
                .append("; font-size: 8pt; color: #666; }\n")
                .append("  @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); font-family: ")
                .append(sans).append("; font-size: 8pt; color: #444; }\n}\n");
        c.append("""
                body { font-family: %s; font-size: 9.5pt; line-height: 1.35; color: #1a202c; }
                h1, h2, h3, h4 { page-break-after: avoid; }
                h1 { font-size: 20pt; margin: 2mm 0 3mm 0; }
                h2 { font-size: 14pt; margin: 6mm 0 2mm 0; border-bottom: 1px solid #cbd5e0; padding-bottom: 1mm; }
                h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm 0; }
                h4 { font-size: 9.5pt; margin: 3mm 0 1mm 0; color: #2d3748; text-transform: uppercase; letter-spacing: 0.04em; }
                p { margin: 1mm 0; }
                ul { margin: 1mm 0; padding-left: 5mm; }
                li { margin: 0.6mm 0; }
                code, pre { font-family: %s; }
                pre.sql { font-size: 8pt; background: #f7fafc; border: 1px solid #e2e8f0; border-left: 3px solid #4a5568;
                  padding: 1.5mm 2mm; margin: 1mm 0 2mm 0; white-space: pre-wrap; word-wrap: break-word; }
                .kw { color: #2b6cb0; font-weight: bold; }
                .st { color: #2f855a; }
                .cm { color: #718096; }
                .pm { color: #b7791f; font-weight: bold; }
                .keep, tr, .gate, .chartbox, .signoff, .facts { page-break-inside: avoid; }
                .kicker { text-transform: uppercase; letter-spacing: 0.12em; color: #4a5568; font-size: 9pt; margin-top: 10mm; }
                .desc { font-size: 10.5pt; }
                table { border-collapse: collapse; width: 100%%; margin: 2mm 0; }
                th, td { border: 1px solid #cbd5e0; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
                thead th { background: #edf2f7; }
                thead { display: table-header-group; }
                table.facts th { width: 32%%; background: #f7fafc; font-weight: normal; color: #4a5568; }
                table.signoff td { height: 11mm; }
                table.signoff th:first-child { width: 22%%; }
                table.summary { font-size: 8pt; }
                table.summary { table-layout: fixed; }
                table.summary col.n { width: 5%%; }
                table.summary col.ph { width: 10%%; }
                table.summary col.st { width: 31%%; }
                table.summary col.lk { width: 23%%; }
                table.summary col.rs { width: 9%%; }
                table.summary col.ex { width: 13%%; }
                table.summary col.tx { width: 9%%; }
                .sub { display: block; font-size: 7pt; color: #4a5568; }
                .small { font-size: 7.5pt; color: #4a5568; }
                .lock { font-weight: bold; }
                .lock.red { color: #c53030; }
                .lock.amber { color: #b7791f; }
                .lock.green { color: #2f855a; }
                .legend { font-size: 8pt; color: #4a5568; }
                .meta { font-size: 8.5pt; color: #2d3748; background: #f7fafc; padding: 1mm 2mm; border: 1px solid #e2e8f0; }
                .caption { font-size: 8.5pt; margin: 1.5mm 0 0.5mm 0; }
                .warn { color: #b7791f; font-weight: bold; }
                ul.checklist { list-style: none; padding-left: 0; }
                ul.checklist li { position: relative; padding-left: 6mm; }
                ul.checklist li .box { position: absolute; left: 0; top: 0.5mm; }
                .box { display: inline-block; width: 3mm; height: 3mm; border: 1px solid #1a202c; margin-right: 2.5mm;
                  vertical-align: -0.4mm; }
                ul.abort li { color: #742a2a; }
                .norollback { color: #742a2a; }
                .gate { border: 2px solid #2d3748; padding: 1mm 4mm 3mm 4mm; margin: 6mm 0 3mm 0; background: #fffff0; }
                .confirm { margin-top: 4mm; }
                .step { margin-bottom: 5mm; }
                .chartbox img.chart { width: 150mm; }
                .toc ul { list-style: none; padding-left: 0; }
                .toc li.toc-phase { font-weight: bold; margin-top: 2mm; }
                .toc li.toc-step { padding-left: 6mm; }
                .toc a { color: #1a202c; text-decoration: none; }
                a { color: #2b6cb0; text-decoration: none; }
                """.formatted(sans, mono));
        if (print) {
            c.append("""
                    .cover { page-break-after: always; }
                    .phase { page-break-before: always; }
                    .toc a::after { content: leader('.') target-counter(attr(href), page); }
                    """);
        } else {
            c.append("pre.sql { overflow-wrap: anywhere; } h1, h2, h3, h4 { break-after: avoid; }\n"
                    + ".keep, tr, .gate, .chartbox { break-inside: avoid; }\n");
            c.append("body { max-width: 190mm; margin: 8mm auto; padding: 0 6mm; }\n"
                    + "svg.chart { max-width: 100%; height: auto; border: 1px solid #e2e8f0; }\n"
                    + "@media print { .phase { page-break-before: always; } .cover, .toc { page-break-after: always; } }\n");
        }
        return c.toString();
    }
}
