package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.BatchedDelete;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which DELETEs become a batched delete, and what the account says about it. */
class DeleteRewriteTest {

    private static Conversion convert(String sql) throws Exception {
        SchemaModel schema = SchemaFiles.of(Files.readString(Golden.project("migrations-samples/schema.sql")));
        Conversion c = new Converter(PgVersion.DEFAULT).convert("m.sql", sql, schema);
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        return c;
    }

    @Test
    void aDeleteOfTheWholeTableBecomesABatchedDeleteInTheBackfillPhase() throws Exception {
        Conversion c = convert("DELETE FROM articles_comment WHERE body LIKE '%7';\nDELETE FROM tasks_taskexportjob;\n");
        Plan plan = c.plan();
        assertEquals(2, plan.steps().size(), plan.steps().toString());
        for (Plan.Placed p : plan.steps()) {
            assertEquals(Phase.BACKFILL, p.phase());
        }
        BatchedDelete some = assertInstanceOf(BatchedDelete.class, plan.steps().get(0).step());
        assertEquals(new BatchedDelete("batched-delete-articles_comment", null, "articles_comment", "id",
                "body LIKE '%7'", null, null, null), some);
        BatchedDelete all = assertInstanceOf(BatchedDelete.class, plan.steps().get(1).step());
        assertEquals(null, all.where());
        assertTrue(all.title().contains("every row"), all.title());

        AccountEntry first = c.account().get(0);
        assertEquals(Outcome.REWRITTEN, first.outcome());
        assertTrue(first.why().contains("row lock on every row it deletes") && first.why().contains("keyset batches")
                && first.why().contains("own short transaction"), first.why());
        assertTrue(first.became().get(0).contains("batched-delete"), first.became().toString());
        assertTrue(c.account().get(1).why().contains("(none: every row)"), c.account().get(1).why());
    }

    @Test
    void deletesThatAreNoRiskOrCannotBeBatchedAsWrittenAreKept() throws Exception {
        Conversion c = convert("""
                DELETE FROM articles_comment WHERE id = 17;
                DELETE FROM articles_comment c WHERE c.body = '';
                DELETE FROM articles_comment USING auth_user u WHERE u.id = articles_comment.author_id AND u.email = '';
                DELETE FROM articles_comment WHERE body = '' RETURNING id;
                DELETE FROM articles_comment WHERE random() < 0.5;
                CREATE TABLE scratch (id bigint PRIMARY KEY);
                DELETE FROM scratch;
                """);
        for (Plan.Placed p : c.plan().steps()) {
            assertInstanceOf(RawSql.class, p.step(), p.toString());
        }
        assertEquals(Outcome.KEPT, c.account().get(0).outcome(), "found by its key: " + c.account().get(0));
        for (int i = 1; i <= 4; i++) {
            assertEquals(Outcome.KEPT_RISKY, c.account().get(i).outcome(), c.account().get(i).toString());
        }
    }

    @Test
    void aTableWithoutASingleColumnKeyIsNotBatched() throws Exception {
        SchemaModel schema = SchemaFiles.of("CREATE TABLE pairs (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));");
        Conversion c = new Converter(PgVersion.DEFAULT).convert("m.sql", "DELETE FROM pairs WHERE b > 3;", schema);
        assertInstanceOf(RawSql.class, c.plan().steps().get(0).step());
        assertEquals(Outcome.KEPT_RISKY, c.account().get(0).outcome());
    }
}
