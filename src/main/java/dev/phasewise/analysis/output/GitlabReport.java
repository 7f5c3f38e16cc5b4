package dev.phasewise.analysis.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * GitLab Code Quality JSON: an array of issues with a description, a check name, a severity
 * (info, minor, major), the file and line, and a fingerprint that stays the same while the finding
 * does (GitLab compares fingerprints between the branch and its target to show new findings).
 */
public final class GitlabReport {

    public void write(Report report, OutputStream out) throws IOException {
        Set<String> seen = new HashSet<>();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Annotation a : Annotation.of(report)) {
                g.writeStartObject();
                g.writeStringField("description", a.rule() + " " + a.message());
                g.writeStringField("check_name", a.ruleName());
                g.writeStringField("fingerprint", fingerprint(a, seen));
                g.writeStringField("severity", switch (a.severity()) {
                    case ERROR -> "major";
                    case WARNING -> "minor";
                    case INFO -> "info";
                });
                g.writeObjectFieldStart("location");
                g.writeStringField("path", a.file());
                g.writeObjectFieldStart("lines");
                g.writeNumberField("begin", a.line());
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeRaw('\n');
        }
    }

    /**
     * A hash of the file, rule and message, without the line, so that a finding keeps its fingerprint
     * when lines above it move; the same finding twice in a file gets a counter.
     */
    private static String fingerprint(Annotation a, Set<String> seen) {
        String base = a.file() + "\n" + a.rule() + "\n" + a.message();
        String key = base;
        for (int n = 2; !seen.add(key); n++) {
            key = base + "\n" + n;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
