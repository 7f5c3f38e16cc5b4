package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lint's CI formats on one file with an error, a warning, a note and an input error: golden files, and
 * the keys each CI system documents (GitHub's workflow commands, GitLab Code Quality, reviewdog rdjson).
 */
class CiFormatsTest {
    private static final String FILE = "src/test/resources/ci/risky.sql";

    private static CliRun lint(String format) {
        CliRun r = CliRun.of("lint", "--format", format, FILE);
        assertEquals(2, r.exit(), "the input error decides the exit code\n" + r.err());
        Golden.assertMatches(Golden.project("src/test/resources/golden/ci/risky." + format), r.out());
        return r;
    }

    @Test
    void githubWorkflowCommandsAnnotateTheLinesWithEscapedValues() {
        CliRun r = lint("github");
        String[] lines = r.out().split("\n");
        assertTrue(lines.length >= 3, r.out());
        for (String line : lines) {
            assertTrue(line.matches("::(error|warning|notice) file=src/test/resources/ci/risky\\.sql,line=\\d+,col=\\d+,"
                    + "title=phasewise [^:,]+::.+"), line);
            assertTrue(!line.substring(2).contains("\n"), "one command per line");
        }
        assertTrue(r.out().contains("::error file=src/test/resources/ci/risky.sql,line=2,"), r.out());
        assertTrue(r.out().contains("%0AFix%3A") || r.out().contains("%0AFix:"), "the fix follows, newlines escaped");
    }

    @Test
    void gitlabCodeQualityIsAnArrayOfIssuesWithStableDistinctFingerprints() throws Exception {
        JsonNode issues = new ObjectMapper().readTree(lint("gitlab").out());
        assertTrue(issues.isArray() && issues.size() >= 3, issues.toString());
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode i : issues) {
            for (String key : new String[] {"description", "check_name", "fingerprint", "severity"}) {
                assertTrue(i.hasNonNull(key), key + " missing in " + i);
            }
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(i.get("severity").asText()));
            assertEquals(FILE, i.get("location").get("path").asText());
            assertTrue(i.get("location").get("lines").get("begin").asInt() >= 1);
            assertTrue(fingerprints.add(i.get("fingerprint").asText()), "fingerprints are unique");
        }
        assertEquals(fingerprints, fingerprintsOf(new ObjectMapper().readTree(lint("gitlab").out())),
                "the same findings give the same fingerprints");
    }

    @Test
    void rdjsonHasASourceAndADiagnosticPerFindingWithItsRuleCode() throws Exception {
        JsonNode root = new ObjectMapper().readTree(lint("rdjson").out());
        assertEquals("phasewise", root.get("source").get("name").asText());
        JsonNode diagnostics = root.get("diagnostics");
        assertTrue(diagnostics.size() >= 3, root.toString());
        for (JsonNode d : diagnostics) {
            assertEquals(FILE, d.get("location").get("path").asText());
            assertTrue(d.get("location").get("range").get("start").get("line").asInt() >= 1);
            assertTrue(Set.of("ERROR", "WARNING", "INFO").contains(d.get("severity").asText()));
            assertTrue(d.get("code").get("value").asText().matches("PW\\d{3}|input-error"));
        }
    }

    @Test
    void sarifKeepsItsGoldenShape() {
        lint("sarif");
    }

    private static Set<String> fingerprintsOf(JsonNode issues) {
        Set<String> out = new HashSet<>();
        issues.forEach(i -> out.add(i.get("fingerprint").asText()));
        return out;
    }
}
