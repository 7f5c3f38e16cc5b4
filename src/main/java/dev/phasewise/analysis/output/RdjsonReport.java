package dev.phasewise.analysis.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;

/**
 * reviewdog's Diagnostic Format (rdjson): a source, and a diagnostic per finding with its location,
 * severity and rule code, which reviewdog posts as review comments ({@code reviewdog -f=rdjson}).
 */
public final class RdjsonReport {
    private static final String DOCS = "https://github.com/phasewise/phasewise/blob/main/docs/rules/";

    public void write(Report report, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("source");
            g.writeStringField("name", "phasewise");
            g.writeStringField("url", "https://github.com/phasewise/phasewise");
            g.writeEndObject();
            g.writeArrayFieldStart("diagnostics");
            for (Annotation a : Annotation.of(report)) {
                g.writeStartObject();
                g.writeStringField("message", a.messageWithFix());
                g.writeObjectFieldStart("location");
                g.writeStringField("path", a.file());
                g.writeObjectFieldStart("range");
                g.writeObjectFieldStart("start");
                g.writeNumberField("line", a.line());
                g.writeNumberField("column", a.column());
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
                g.writeStringField("severity", a.severity().name());
                g.writeObjectFieldStart("code");
                g.writeStringField("value", a.rule());
                if (!a.rule().equals("input-error")) {
                    g.writeStringField("url", DOCS + a.rule() + "-" + a.ruleName() + ".md");
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
