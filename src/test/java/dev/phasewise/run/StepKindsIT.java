package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.steps.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The step kinds drop-index, add-check-constraint, validate-constraint and add-foreign-key on a real
 * PostgreSQL 17, through their sample plans: the runner runs them and their verification passes, the
 * catalog shows their effect, their rollback (where they have one) puts the catalog back, and their
 * verification fails on a database where the step did not happen.
 */
class StepKindsIT {

    @Test
    void dropIndexDropsItAndItsRollbackRecreatesTheSameIndex() throws Exception {
        String db = RunnerFixture.database("kind_drop_index", true, 200);
        Plan plan = sample("comment-article-index.plan.yaml");
        Step drop = step(plan, "drop-index");
        String definition = one(db, "SELECT pg_get_indexdef('articles_comment_article_id_idx'::regclass)");
        assertFalse(verified(db, drop), "the index still exists: its verification must fail");

        run(db, plan, "comment-article-index.plan.yaml");
        assertEquals("t", one(db, "SELECT to_regclass('articles_comment_article_id_idx') IS NULL"));
        assertTrue(verified(db, drop));

        rollback(db, drop);
        assertEquals(definition, one(db, "SELECT pg_get_indexdef('articles_comment_article_id_idx'::regclass)"));
        assertEquals("t", one(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = "
                + "'articles_comment_article_id_idx'::regclass"));
        assertFalse(verified(db, drop), "the index is back: its verification fails again");
    }

    @Test
    void aCheckConstraintIsAddedNotValidThenValidatedAndItsRollbackDropsIt() throws Exception {
        String db = RunnerFixture.database("kind_check", true, 200);
        Plan plan = sample("article-status-check.plan.yaml");
        Step add = step(plan, "add-check-constraint");
        Step validate = step(plan, "validate-constraint");
        assertFalse(verified(db, add), "no constraint yet");
        assertFalse(verified(db, validate), "no constraint yet");

        // the expand step alone: the constraint exists, checks new rows, and is not validated yet
        execute(db, add.forward());
        assertTrue(verified(db, add));
        assertEquals("c false", one(db, "SELECT contype::text || ' ' || convalidated FROM pg_constraint "
                + "WHERE conname = 'articles_article_status_check'"));
        assertFalse(verified(db, validate), "a NOT VALID constraint must not pass validate-constraint's verification");
        SQLException refused = assertThrows(SQLException.class, () -> execute(db, List.of(new Action("insert",
                "INSERT INTO articles_article (author_id, title, slug, body, status) VALUES (1, 't', 'bad-status', 'b', "
                        + "'deleted')", true))));
        assertEquals("23514", refused.getSQLState());
        rollback(db, add);
        assertEquals("0", one(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'articles_article_status_check'"));
        assertFalse(verified(db, add));

        run(db, plan, "article-status-check.plan.yaml");
        assertEquals("c true", one(db, "SELECT contype::text || ' ' || convalidated FROM pg_constraint "
                + "WHERE conname = 'articles_article_status_check'"));
        assertTrue(verified(db, add) && verified(db, validate));

        rollback(db, add);
        assertEquals("0", one(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'articles_article_status_check'"));
        assertFalse(validate.rollback().reversible(), "validation has nothing to undo");
    }

    @Test
    void aRowThatBreaksTheCheckFailsTheValidationStepAndTheConstraintStaysNotValid() throws Exception {
        String db = RunnerFixture.database("kind_validate_fails", true, 200);
        execute(db, List.of(new Action("bad row", "UPDATE articles_article SET status = 'deleted' WHERE id = 7", true)));
        Plan plan = sample("article-status-check.plan.yaml");
        RunResult r = runner(db, plan, "article-status-check.plan.yaml");
        assertEquals(RunStatus.FAILED, r.status(), r.message());
        assertTrue(r.message().contains("23514") || r.message().contains("violated"), r.message());
        assertEquals("f", one(db, "SELECT convalidated FROM pg_constraint WHERE conname = 'articles_article_status_check'"));
        assertFalse(verified(db, step(plan, "validate-constraint")));
    }

    @Test
    void aForeignKeyIsAddedValidatedAndEnforcedAndItsRollbackDropsIt() throws Exception {
        String db = RunnerFixture.database("kind_fk", true, 200);
        Plan plan = sample("article-editor.plan.yaml");
        Step fk = step(plan, "add-foreign-key");
        execute(db, step(plan, "add-column").forward());
        assertFalse(verified(db, fk), "no foreign key yet");
        // added NOT VALID but not validated: the verification must still fail
        execute(db, List.of(fk.forward().get(0)));
        assertFalse(verified(db, fk), "a NOT VALID foreign key must not pass the verification");
        rollback(db, fk);
        execute(db, step(plan, "add-column").rollback().actions());

        run(db, plan, "article-editor.plan.yaml");
        assertEquals("f true auth_user n", one(db, "SELECT contype::text || ' ' || convalidated || ' ' || confrelid::regclass || ' ' "
                + "|| confdeltype::text FROM pg_constraint WHERE conname = 'articles_article_editor_id_fk'"));
        assertEquals("{editor_id}", one(db, "SELECT array_agg(attname)::text FROM pg_constraint c JOIN pg_attribute a "
                + "ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) WHERE conname = 'articles_article_editor_id_fk'"));
        SQLException refused = assertThrows(SQLException.class, () -> execute(db, List.of(new Action("orphan",
                "UPDATE articles_article SET editor_id = 999999 WHERE id = 1", true))));
        assertEquals("23503", refused.getSQLState());
        // ON DELETE SET NULL: deleting the editor keeps the article
        execute(db, List.of(new Action("edit", "UPDATE articles_article SET editor_id = 3 WHERE id = 1", true),
                new Action("user", "INSERT INTO auth_user (id, username, email) VALUES (1000, 'gone', 'g@example.com')",
                        true),
                new Action("edit", "UPDATE articles_article SET editor_id = 1000 WHERE id = 2", true),
                new Action("delete", "DELETE FROM auth_user WHERE id = 1000", true)));
        assertEquals("", one(db, "SELECT coalesce(editor_id::text, '') FROM articles_article WHERE id = 2"));

        rollback(db, fk);
        assertEquals("0", one(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'articles_article_editor_id_fk'"));
        assertFalse(verified(db, fk));
        execute(db, List.of(new Action("orphan", "UPDATE articles_article SET editor_id = 999999 WHERE id = 1", true)));
    }

    // ---- helpers ----

    private static Plan sample(String name) throws Exception {
        return PlanFiles.read(RunnerFixture.SAMPLES.resolve(name));
    }

    private static Step step(Plan plan, String kind) {
        return plan.steps().stream().map(Plan.Placed::step).filter(s -> s.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " step in " + plan.name()));
    }

    private static RunResult runner(String db, Plan plan, String file) {
        Path path = RunnerFixture.SAMPLES.resolve(file);
        try (Database d = RunnerFixture.open(db)) {
            return new Runner(d, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new SingleStatementBackfill(),
                    new CopyOnWriteArrayList<RunEvent>()::add).start(plan, path, new RunControl());
        }
    }

    /** Runs the whole sample plan; every action done and verified. */
    private static void run(String db, Plan plan, String file) {
        RunResult r = runner(db, plan, file);
        assertEquals(RunStatus.SUCCEEDED, r.status(), file + ": " + r.message());
        for (ActionRecord a : r.actions()) {
            assertEquals(StepStatus.DONE, a.status(), a.toString());
            assertNotNull(a.verified(), a.toString());
            assertTrue(a.verified(), a.toString());
        }
    }

    /** Whether every verification query of the step returns true. */
    private static boolean verified(String db, Step step) throws Exception {
        assertFalse(step.verify().isEmpty(), step.id() + " has no verification query");
        for (Check check : step.verify()) {
            if (!"t".equals(one(db, check.sql()))) {
                return false;
            }
        }
        return true;
    }

    private static void rollback(String db, Step step) throws Exception {
        assertTrue(step.rollback().reversible(), step.id() + " has no rollback");
        execute(db, step.rollback().actions());
    }

    /** Each action in autocommit, as the runner does (a transactional one is a transaction of its own). */
    private static void execute(String db, List<Action> actions) throws Exception {
        try (Connection c = RunnerFixture.connect(db); Statement st = c.createStatement()) {
            for (Action a : actions) {
                st.execute(a.sql());
            }
        }
    }

    private static String one(String db, String sql) throws Exception {
        return RunnerFixture.one(db, sql);
    }
}
