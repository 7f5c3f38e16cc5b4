package dev.phasewise.analysis.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The machine contract of design §4: {"files": [{"file", "statements": [{"index", "line", "sql",
 * "tables": [{"name", "lock", "rewrite", "scan"}], "findings": [{"rule", "severity", "message",
 * "fix"}]}]}]}, plus "column", the rule's "name", a statement's "error" and the file's
 * "problems". Written as a stream, so memory does not grow with the output.
 */
public final class JsonReport {
    private static final JsonFactory FACTORY = new JsonFactory();

    public void write(Report report, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("pg_version", report.pgVersion());
            g.writeArrayFieldStart("files");
            for (FileAnalysis f : report.files()) {
                writeFile(f, g);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("statements", report.statementCount());
            g.writeNumberField("errors", report.count(Severity.ERROR));
            g.writeNumberField("warnings", report.count(Severity.WARNING));
            g.writeNumberField("info", report.count(Severity.INFO));
            g.writeNumberField("input_errors", report.inputErrorCount());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** The {@code findings} array of a statement, as the lint contract spells it (trace reuses it). */
    public static void writeFindings(List<Finding> findings, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("findings");
        for (Finding x : findings) {
            g.writeStartObject();
            g.writeStringField("rule", x.rule().id());
            g.writeStringField("name", x.rule().name());
            g.writeStringField("severity", x.severity().label());
            g.writeStringField("message", x.message());
            g.writeStringField("fix", x.fix());
            if (x.located()) {
                // a statement inside a DO block or procedure body: its own place, not the block's
                g.writeNumberField("line", x.line());
                g.writeNumberField("column", x.column());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeFile(FileAnalysis f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", f.file());
        g.writeArrayFieldStart("statements");
        for (StatementResult r : f.statements()) {
            g.writeStartObject();
            g.writeNumberField("index", r.index());
            g.writeNumberField("line", r.line());
            g.writeNumberField("column", r.column());
            g.writeStringField("sql", r.sql());
            if (r.error() != null) {
                g.writeStringField("error", r.error());
            }
            g.writeArrayFieldStart("tables");
            for (TableEffect t : r.tables()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeStringField("lock", t.lock().pgName());
                g.writeBooleanField("rewrite", t.rewrite());
                g.writeBooleanField("scan", t.scan());
                g.writeBooleanField("new", !t.preexisting());
                if (t.relation().size().known()) {
                    g.writeNumberField("rows", t.relation().size().rows());
                    g.writeNumberField("bytes", t.relation().size().totalBytes());
                }
                var estimate = r.estimateFor(t.name());
                if (estimate.isPresent()) {
                    g.writeStringField("work", estimate.get().work().words());
                    g.writeNumberField("estimated_seconds", Math.round(estimate.get().seconds() * 10) / 10.0);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            writeFindings(r.findings(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("problems");
        for (SourceProblem p : f.problems()) {
            g.writeStartObject();
            g.writeStringField("severity", p.error() ? "error" : "note");
            g.writeNumberField("line", p.line());
            g.writeNumberField("column", p.column());
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
