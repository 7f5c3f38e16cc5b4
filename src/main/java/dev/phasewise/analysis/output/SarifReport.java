package dev.phasewise.analysis.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** SARIF 2.1.0, for code scanning in CI (GitHub, GitLab, Azure DevOps). */
public final class SarifReport {
    private static final String DOCS = "https://github.com/phasewise/phasewise/blob/main/docs/rules/";

    private final List<RuleMeta> rules;
    private final String version;

    public SarifReport(List<RuleMeta> rules, String version) {
        this.rules = rules;
        this.version = version;
    }

    public void write(Report report, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "phasewise");
            g.writeStringField("version", version);
            g.writeStringField("informationUri", "https://github.com/phasewise/phasewise");
            g.writeArrayFieldStart("rules");
            for (RuleMeta r : rules) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("name", r.name());
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", r.title());
                g.writeEndObject();
                g.writeObjectFieldStart("fullDescription");
                g.writeStringField("text", r.why());
                g.writeEndObject();
                g.writeObjectFieldStart("help");
                g.writeStringField("text", r.instead());
                g.writeEndObject();
                g.writeStringField("helpUri", DOCS + r.docFileName());
                g.writeObjectFieldStart("defaultConfiguration");
                g.writeStringField("level", level(r.severity()));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (FileAnalysis f : report.files()) {
                for (StatementResult s : f.statements()) {
                    for (Finding x : s.findings()) {
                        result(g, x.rule().id(), level(x.severity()), x.message() + "\nFix:\n" + x.fix(), f.file(),
                                s.line(), s.column());
                    }
                }
                for (SourceProblem p : f.problems()) {
                    if (p.error()) {
                        result(g, "input-error", "error", p.message(), f.file(), Math.max(1, p.line()),
                                Math.max(1, p.column()));
                    }
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void result(JsonGenerator g, String rule, String level, String message, String file, int line,
                               int column) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", rule);
        g.writeStringField("level", level);
        g.writeObjectFieldStart("message");
        g.writeStringField("text", message);
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", file.replace('\\', '/'));
        g.writeEndObject();
        g.writeObjectFieldStart("region");
        g.writeNumberField("startLine", line);
        g.writeNumberField("startColumn", column);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
