package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the converter puts each step, what it merges, and what the gates say (no database). */
class ConverterPlacementTest {
    private static final SchemaModel SCHEMA = SchemaFiles.of("""
            CREATE TABLE articles (id bigint PRIMARY KEY, body text NOT NULL, legacy text, status text);
            """);

    private static Conversion convert(String sql) {
        Conversion c = new Converter(PgVersion.DEFAULT).convert("m.sql", sql, SCHEMA);
        assertTrue(c.problems().stream().noneMatch(p -> p.error()), c.problems().toString());
        return c;
    }

    private static List<String> kinds(Plan plan, Phase phase) {
        return plan.phase(phase).steps().stream().map(Step::kind).toList();
    }

    @Test
    void aRequiredColumnFilledByALaterUpdateIsAddedEmptyBackfilledAndMadeNotNullLast() {
        Conversion c = convert("""
                ALTER TABLE articles ADD COLUMN summary text NOT NULL;
                UPDATE articles SET summary = left(body, 10);
                CREATE INDEX articles_summary_idx ON articles (summary);
                """);
        assertEquals(List.of("add-column"), kinds(c.plan(), Phase.EXPAND));
        assertEquals(List.of("backfill", "raw-sql"), kinds(c.plan(), Phase.BACKFILL),
                "the index is built after the backfill that fills its column");
        assertEquals(List.of("set-not-null"), kinds(c.plan(), Phase.CONTRACT));
        Backfill fill = (Backfill) c.plan().phase(Phase.BACKFILL).steps().get(0);
        assertEquals("\"summary\" IS NULL", fill.where(), "rows the deployed release already wrote keep their value");
        assertTrue(c.plan().phase(Phase.EXPAND).gate().checklist().stream()
                .anyMatch(i -> i.contains("writes summary on every INSERT into articles")), c.plan().toString());
    }

    @Test
    void anUpdateOfAColumnWithAVolatileDefaultJoinsItsBackfill() {
        Conversion c = convert("""
                ALTER TABLE articles ADD COLUMN token text DEFAULT md5(random()::text);
                UPDATE articles SET token = md5(body);
                """);
        assertEquals(List.of("backfill"), kinds(c.plan(), Phase.BACKFILL), "one backfill, not two");
        assertEquals("token = md5(body)", ((Backfill) c.plan().phase(Phase.BACKFILL).steps().get(0)).set());
        assertEquals(Outcome.MERGED, c.account().get(1).outcome());
        assertEquals(List.of("add-column", "raw-sql"), kinds(c.plan(), Phase.EXPAND));
        assertTrue(((RawSql) c.plan().phase(Phase.EXPAND).steps().get(1)).sql().contains("SET DEFAULT md5(random()::text)"));
    }

    @Test
    void aStatementAfterADropOfTheSameTableNeverMovesBeforeIt() {
        Conversion c = convert("""
                ALTER TABLE articles DROP COLUMN legacy;
                ALTER TABLE articles ADD COLUMN legacy integer;
                """);
        assertEquals(List.of(), kinds(c.plan(), Phase.EXPAND));
        List<Step> contract = c.plan().phase(Phase.CONTRACT).steps();
        assertEquals(2, contract.size());
        assertTrue(((RawSql) contract.get(0)).sql().contains("DROP COLUMN legacy"));
        assertTrue(((RawSql) contract.get(1)).sql().contains("ADD COLUMN legacy integer"));
    }

    @Test
    void aTableTheMigrationCreatesIsLeftAsWritten() {
        Conversion c = convert("""
                CREATE TABLE tags (id bigint PRIMARY KEY, name text);
                ALTER TABLE tags ADD COLUMN slug text NOT NULL;
                CREATE INDEX tags_name_idx ON tags (name);
                """);
        assertEquals(List.of("raw-sql", "raw-sql", "raw-sql"), kinds(c.plan(), Phase.EXPAND));
        assertTrue(c.account().stream().allMatch(e -> e.outcome() == Outcome.KEPT), c.account().toString());
    }

    @Test
    void aConstantDefaultStaysOneStatementAndTransactionControlIsLeftOut() {
        Conversion c = convert("""
                BEGIN;
                SET lock_timeout = '5s';
                ALTER TABLE articles ADD COLUMN flag boolean NOT NULL DEFAULT false;
                COMMIT;
                """);
        assertEquals(List.of("raw-sql"), kinds(c.plan(), Phase.EXPAND));
        assertEquals(List.of(Outcome.LEFT_OUT, Outcome.LEFT_OUT, Outcome.KEPT, Outcome.LEFT_OUT),
                c.account().stream().map(AccountEntry::outcome).toList());
    }

    @Test
    void djangoSqlmigrateOutputGetsGatesThatSpeakOfModelFields() {
        Conversion c = convert("""
                BEGIN;
                --
                -- Add field summary to article
                --
                ALTER TABLE "articles" ADD COLUMN "summary" text NOT NULL;
                UPDATE "articles" SET "summary" = left("body", 10);
                COMMIT;
                """);
        List<String> gates = c.plan().phase(Phase.EXPAND).gate().checklist();
        assertTrue(gates.stream().anyMatch(i -> i.contains("the model field summary of articles is null=True")), gates.toString());
        List<String> contractGate = c.plan().phase(Phase.BACKFILL).gate().checklist();
        assertTrue(contractGate.stream().anyMatch(i -> i.contains("is required (null=False)")), contractGate.toString());
    }

    @Test
    void anUpdateWithAWhereBackfillsOnlyRowsThatStillDiffer() {
        Conversion c = convert("UPDATE articles SET status = 'archived' WHERE id % 7 = 0;\n");
        Backfill fill = (Backfill) c.plan().phase(Phase.BACKFILL).steps().get(0);
        assertEquals("(id % 7 = 0) AND \"status\" IS DISTINCT FROM ('archived')", fill.where());

        Conversion one = convert("UPDATE articles SET status = 'archived' WHERE id = 7;\n");
        assertEquals(List.of("raw-sql"), kinds(one.plan(), Phase.EXPAND), "one row by its key: safe, kept as written");
        assertEquals(Outcome.KEPT, one.account().get(0).outcome());

        Conversion counter = convert("UPDATE articles SET status = status || 'x' WHERE status IS NOT NULL;\n");
        assertEquals(Outcome.KEPT_RISKY, counter.account().get(0).outcome(),
                "a SET that reads what it writes never stops differing: kept, not a backfill that cannot be verified");
    }

    @Test
    void aTableRenameKeepsTheOldNameWorkingThroughAViewUntilTheContractPhase() {
        Conversion c = convert("ALTER TABLE articles RENAME TO posts;\nCREATE INDEX posts_status_idx ON posts (status);\n");
        assertEquals(List.of("rename-table", "raw-sql"), kinds(c.plan(), Phase.EXPAND));
        assertTrue(((RawSql) c.plan().phase(Phase.EXPAND).steps().get(1)).sql().contains("CONCURRENTLY"));
        assertEquals(List.of("raw-sql"), kinds(c.plan(), Phase.CONTRACT));
        assertEquals("DROP VIEW IF EXISTS \"articles\"", ((RawSql) c.plan().phase(Phase.CONTRACT).steps().get(0)).sql());
        assertTrue(c.plan().phase(Phase.EXPAND).gate().checklist().stream()
                .anyMatch(i -> i.contains("no deployed code names articles")), c.plan().toString());
        assertEquals(Outcome.REWRITTEN, c.account().get(0).outcome());
    }
}
