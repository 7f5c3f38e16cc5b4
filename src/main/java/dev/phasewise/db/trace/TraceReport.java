package dev.phasewise.db.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.output.JsonReport;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.db.TracedEffect;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes traced migrations: the lint JSON's shape (statements with {@code tables} and
 * {@code findings}), where {@code tables} is what PostgreSQL did, plus {@code predicted},
 * {@code disagreements}, how each statement was traced, what was undone and what was left behind.
 */
public final class TraceReport {
    private static final JsonFactory FACTORY = new JsonFactory();

    private TraceReport() {
    }

    public static void json(int pgVersion, List<TracedFile> files, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("pg_version", pgVersion);
            g.writeArrayFieldStart("files");
            for (TracedFile f : files) {
                writeFile(f, g);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("statements", files.stream().mapToInt(f -> f.statements().size()).sum());
            g.writeNumberField("traced", files.stream().flatMap(f -> f.statements().stream())
                    .filter(TracedStatement::traced).count());
            g.writeNumberField("disagreements", files.stream().mapToLong(TracedFile::disagreementCount).sum());
            g.writeNumberField("left_behind", files.stream().mapToInt(f -> f.leftBehind().size()).sum());
            g.writeNumberField("dead_rows", deadRows(files));
            Agreement a = Agreement.of(files);
            g.writeNumberField("agreeing", a.agreeing());
            g.writeNumberField("agreement_percent", a.percent());
            g.writeNumberField("needless_alarms", a.needlessAlarms());
            g.writeNumberField("not_applied", a.notApplied());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeFile(TracedFile f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", f.file());
        g.writeArrayFieldStart("statements");
        for (TracedStatement s : f.statements()) {
            g.writeStartObject();
            g.writeNumberField("index", s.predicted().index());
            g.writeNumberField("line", s.predicted().line());
            g.writeNumberField("column", s.predicted().column());
            g.writeStringField("sql", s.predicted().sql());
            g.writeBooleanField("traced", s.traced());
            if (s.note() != null) {
                g.writeStringField("note", s.note());
            }
            if (s.traced()) {
                strings(g, "observation", s.observed().notes());
                strings(g, "gaps", s.observed().gaps());
            }
            g.writeArrayFieldStart("tables");
            if (s.traced()) {
                for (TracedEffect t : s.observed().tables()) {
                    effect(g, t.name(), t.lock().pgName(), t.rewrite(), t.scan());
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("predicted");
            for (TableEffect t : s.predicted().tables()) {
                effect(g, t.name(), t.lock().pgName(), t.rewrite(), t.scan());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("disagreements");
            for (String d : s.disagreements()) {
                g.writeString(d);
            }
            g.writeEndArray();
            JsonReport.writeFindings(s.predicted().findings(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "undone", f.undone());
        strings(g, "left_behind", f.leftBehind());
        strings(g, "not_applied", f.notApplied());
        strings(g, "needless_alarms", f.needlessAlarms());
        g.writeObjectFieldStart("dead_rows");
        for (var e : f.deadRows().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("problems");
        for (SourceProblem p : f.problems()) {
            g.writeStartObject();
            g.writeNumberField("line", p.line());
            g.writeNumberField("column", p.column());
            g.writeStringField("severity", p.error() ? "error" : "note");
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void effect(JsonGenerator g, String name, String lock, boolean rewrite, boolean scan)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("lock", lock);
        g.writeBooleanField("rewrite", rewrite);
        g.writeBooleanField("scan", scan);
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * How far the analysis agrees with PostgreSQL over traced files: statements traced, those where
     * the two agree on every table, the needless alarms (errors on statements PostgreSQL showed
     * safe) and, for a history applied with {@code --apply}, the statements PostgreSQL rejected.
     */
    public record Agreement(long traced, long agreeing, long needlessAlarms, long notApplied) {
        public static Agreement of(List<TracedFile> files) {
            return new Agreement(files.stream().mapToLong(TracedFile::tracedCount).sum(),
                    files.stream().mapToLong(TracedFile::agreeingCount).sum(),
                    files.stream().mapToLong(f -> f.needlessAlarms().size()).sum(),
                    files.stream().mapToLong(f -> f.notApplied().size()).sum());
        }

        /** The agreeing share in percent, one decimal; 100 when nothing was traced. */
        public double percent() {
            return traced == 0 ? 100.0 : Math.floor(1000.0 * agreeing / traced) / 10.0;
        }

        /** The summary's last line: "agreement: 205 statements traced, 180 agree with the analysis (87.8 %), ...". */
        public String line() {
            return String.format(Locale.ROOT, "agreement: %d statement%s traced, %d where PostgreSQL and the analysis "
                    + "agree (%.1f %%), %d needless alarm%s (errors on statements PostgreSQL showed safe)%s",
                    traced, traced == 1 ? "" : "s", agreeing, percent(), needlessAlarms,
                    needlessAlarms == 1 ? "" : "s",
                    notApplied == 0 ? "" : ", " + notApplied + " statement" + (notApplied == 1 ? "" : "s")
                            + " PostgreSQL rejected when applied");
        }
    }

    /** Human text: per statement what PostgreSQL did and where Phasewise disagreed. */
    public static void text(List<TracedFile> files, PrintWriter out) {
        text(files, out, false);
    }

    /**
     * Human text; with {@code history} (a history traced and applied file by file) each file also
     * lists what applying it failed to run and its needless alarms, and the summary ends with the
     * agreement figure.
     */
    public static void text(List<TracedFile> files, PrintWriter out, boolean history) {
        long disagreements = 0;
        long left = 0;
        int traced = 0;
        int total = 0;
        for (TracedFile f : files) {
            out.println(f.file());
            for (SourceProblem p : f.problems()) {
                out.println("  " + (p.error() ? "input error" : "note") + "  " + p.line() + ":" + p.column() + ": "
                        + p.message());
            }
            for (TracedStatement s : f.statements()) {
                total++;
                out.println();
                out.println("  " + s.predicted().line() + ":" + s.predicted().column() + "  "
                        + s.predicted().sql().lines().findFirst().orElse(""));
                if (!s.traced()) {
                    out.println("      " + s.note());
                    continue;
                }
                traced++;
                for (TracedEffect t : s.observed().tables()) {
                    out.printf(Locale.ROOT, "      %-28s %-26s %-10s %s%n", t.name(), t.lock().pgName(),
                            t.rewrite() ? "rewrite" : "-", t.scan() ? "scan" : "-");
                }
                if (s.observed().tables().isEmpty()) {
                    out.println("      no lock on an application table");
                }
                if (s.note() != null) {
                    out.println("      (" + s.note() + ")");
                }
                for (String n : s.observed().notes()) {
                    out.println("      (" + n + ")");
                }
                for (String d : s.disagreements()) {
                    out.println("      disagreement: " + d);
                }
                disagreements += s.disagreements().size();
            }
            for (String u : f.undone()) {
                out.println("  undone: " + u);
            }
            for (String l : f.leftBehind()) {
                out.println("  LEFT BEHIND: " + l);
            }
            if (history) {
                for (String n : f.notApplied()) {
                    out.println("  NOT APPLIED (PostgreSQL rejected it): " + n);
                }
                for (String n : f.needlessAlarms()) {
                    out.println("  needless alarm: " + n);
                }
            }
            for (var d : f.deadRows().entrySet()) {
                out.println("  dead rows: " + d.getKey() + ": " + d.getValue() + " row version"
                        + (d.getValue() == 1 ? "" : "s") + " written and rolled back by the trace, left until "
                        + "VACUUM (or autovacuum) removes " + (d.getValue() == 1 ? "it" : "them"));
            }
            left += f.leftBehind().size();
            out.println();
        }
        long dead = deadRows(files);
        out.println(total + " statements, " + traced + " traced, " + disagreements + " disagreement"
                + (disagreements == 1 ? "" : "s") + " with the static analysis, "
                + leftBehind(left, dead));
        if (history) {
            out.println(Agreement.of(files).line());
        }
    }

    /** "nothing left behind" only when that is so: no catalog change and no dead row. */
    private static String leftBehind(long catalog, long dead) {
        if (catalog == 0 && dead == 0) {
            return "nothing left behind";
        }
        List<String> parts = new ArrayList<>();
        if (catalog > 0) {
            parts.add(catalog + " catalog differences LEFT BEHIND");
        }
        if (dead > 0) {
            parts.add(dead + " dead row version" + (dead == 1 ? "" : "s") + " left behind for VACUUM");
        }
        return String.join(", ", parts);
    }

    private static long deadRows(List<TracedFile> files) {
        return files.stream().flatMap(f -> f.deadRows().values().stream()).mapToLong(Long::longValue).sum();
    }
}
