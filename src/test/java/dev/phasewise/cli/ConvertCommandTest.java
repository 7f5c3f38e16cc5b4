package dev.phasewise.cli;

import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The convert contract: a plan any command loads, the account, exit 0; bad input named, exit 2, no plan written. */
class ConvertCommandTest {
    private static final String SCHEMA = "migrations-samples/schema.sql";
    private static final String SAMPLE = "migrations-samples/0042_add_summary_unsafe.sql";

    @TempDir
    Path dir;

    @Test
    void theSampleBecomesAPlanFileAndItsAccountMatchesTheGoldenText() throws Exception {
        Path out = dir.resolve("safe.plan.yaml");
        CliRun r = CliRun.of("convert", "--schema", SCHEMA, "-o", out.toString(), SAMPLE);
        assertEquals(0, r.exit(), r.err());
        Plan plan = PlanFiles.read(out);
        assertTrue(PlanFiles.validate(plan).isEmpty(), PlanFiles.validate(plan).toString());
        assertEquals("backfill", plan.phase(Phase.BACKFILL).steps().get(0).kind());
        Golden.assertMatches(Golden.project("src/test/resources/golden/convert/0042-account.txt"),
                r.out().replace(out.toString(), "OUT"));
    }

    @Test
    void withoutOutputThePlanGoesToStandardOutputAndTheAccountToStandardError() throws Exception {
        CliRun r = CliRun.of("convert", "--schema", SCHEMA, SAMPLE);
        assertEquals(0, r.exit(), r.err());
        Plan plan = PlanFiles.parse("stdout", r.out());
        assertFalse(plan.steps().isEmpty());
        assertTrue(r.err().contains("statement 2, rewritten: UPDATE articles_article"), r.err());
        assertFalse(r.out().contains("rewritten"), r.out());
    }

    @Test
    void aSyntaxErrorIsNamedWithItsLineAndNoPlanIsWritten() throws Exception {
        Path bad = dir.resolve("bad.sql");
        Files.writeString(bad, "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUM b int;\n");
        Path out = dir.resolve("bad.plan.yaml");
        CliRun r = CliRun.of("convert", "-o", out.toString(), bad.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("2:"), r.err());
        assertTrue(r.err().contains("no plan written"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingFileOrAPlanFileIsAnInputError() throws Exception {
        CliRun missing = CliRun.of("convert", dir.resolve("nope.sql").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.sql"), missing.err());

        CliRun planGiven = CliRun.of("convert", "migrations-samples/add-article-summary.plan.yaml");
        assertEquals(2, planGiven.exit());
        assertTrue(planGiven.err().contains("is a plan file"), planGiven.err());
    }

    @Test
    void anUnwritableOutputIsAnInputError() {
        CliRun r = CliRun.of("convert", "--schema", SCHEMA, "-o", dir.resolve("no/such/dir/p.yaml").toString(), SAMPLE);
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("cannot write"), r.err());
    }

    @Test
    void severalFilesAreOneHistoryConvertedInOrder() throws Exception {
        Path first = dir.resolve("0001.sql");
        Path second = dir.resolve("0002.sql");
        Files.writeString(first, "ALTER TABLE articles_article ADD COLUMN word_count integer;\n");
        Files.writeString(second, "UPDATE articles_article SET word_count = length(body);\n"
                + "ALTER TABLE articles_article ALTER COLUMN word_count SET NOT NULL;\n");
        CliRun r = CliRun.of("convert", "--schema", SCHEMA, first.toString(), second.toString());
        assertEquals(0, r.exit(), r.err());
        Plan plan = PlanFiles.parse("stdout", r.out());
        assertEquals("raw-sql", plan.phase(Phase.EXPAND).steps().get(0).kind());
        assertEquals("backfill", plan.phase(Phase.BACKFILL).steps().get(0).kind());
        assertEquals("set-not-null", plan.phase(Phase.CONTRACT).steps().get(0).kind());
        assertTrue(r.err().contains(second + ":2: statement 2, rewritten"), r.err());
    }
}
