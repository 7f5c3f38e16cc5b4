package dev.phasewise.plan;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan's actions run in separate transactions on purpose: PW206's "merge the ALTERs" advice must not cross
 * them, and must name an earlier statement the reader can find, never the statement itself.
 */
class PlanAnalysisUnitsTest {

    private static SchemaModel schema() throws Exception {
        return SchemaFiles.of(Files.readString(Golden.project("migrations-samples/schema.sql")));
    }

    private static List<Finding> pw206(Map<String, List<StatementResult>> analysis) {
        return analysis.values().stream().flatMap(List::stream).flatMap(r -> r.findings().stream())
                .filter(f -> f.rule().id().equals("PW206")).toList();
    }

    @Test
    void theStepsOfAPlanAreNotAdvisedToBeMerged() throws Exception {
        for (String sample : List.of("add-article-summary", "comment-id-bigint", "rename-article-slug")) {
            Plan plan = PlanFiles.read(Golden.project("migrations-samples/" + sample + ".plan.yaml"));
            List<Finding> found = pw206(PlanAnalysis.analyze(plan, schema(), PgVersion.DEFAULT));
            assertTrue(found.isEmpty(), sample + ": " + found);
        }
    }

    @Test
    void rawSqlWrittenAsOneStepIsStillAdvisedByItsOwnNumbering() throws Exception {
        Plan plan = PlanFiles.parse("raw.plan.yaml", """
                version: 1
                name: raw
                phases:
                  contract:
                    steps:
                      - kind: raw-sql
                        id: two-alters
                        sql: |
                          ALTER TABLE articles_article ADD COLUMN a text;
                          ALTER TABLE articles_article ADD COLUMN b text;
                        rollback_sql: ALTER TABLE articles_article DROP COLUMN a, DROP COLUMN b
                """);
        List<Finding> found = pw206(PlanAnalysis.analyze(plan, schema(), PgVersion.DEFAULT));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().startsWith("statement 1 of step two-alters already altered"),
                found.get(0).message());
    }

    @Test
    void renamesCannotBeCombinedSoAreNotAdvisedTo() throws Exception {
        var file = new Analyzer(PgVersion.DEFAULT).analyze("m.sql", "ALTER TABLE articles_article RENAME COLUMN slug TO s;\n"
                + "ALTER TABLE articles_article RENAME COLUMN title TO t;\n"
                + "ALTER TABLE articles_article ADD COLUMN a text;\nALTER TABLE articles_article ADD COLUMN b text;\n",
                schema());
        List<Finding> found = file.statements().stream().flatMap(r -> r.findings().stream())
                .filter(f -> f.rule().id().equals("PW206")).toList();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().startsWith("statement 3 already altered"), found.get(0).message());
    }
}
