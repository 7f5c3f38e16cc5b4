package dev.phasewise.db.trace;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.testing.CorpusGiven;
import dev.phasewise.testing.Resources;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code phasewise trace} end to end on a real server: the corpus traced statement by statement
 * agrees with the static analysis, with non-transactional statements undone automatically from
 * the catalog difference, and a multi-statement migration is traced with its prefix replayed.
 * Each time the catalog at the end equals the catalog at the start.
 */
class MigrationTracerIT {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.seededDatabase(17, "migration_tracer");
    }

    @Test
    void theCorpusTracedThroughTheTraceCommandAgreesAndLeavesNothingBehind() throws Exception {
        SchemaModel base = SchemaFiles.of(Resources.text("trace/base-schema.sql"));
        base.markComplete(); // the whole database the corpus runs on, as the catalog is
        List<String> problems = new ArrayList<>();
        int traced = 0;
        int outside = 0;
        try (Connection session = TestPostgres.connect(url)) {
            MigrationTracer tracer = new MigrationTracer(session, () -> TestPostgres.connect(url),
                    new Analyzer(new PgVersion(17)));
            for (Statement s : Splitter.split(Resources.text("trace/corpus.sql"), new ArrayList<SourceProblem>())) {
                if (s.comments().stream().anyMatch(c -> c.text().matches("--\\s*since:\\s*18.*"))) {
                    continue; // PostgreSQL 18 syntax; this test runs on 17
                }
                TracedFile f = tracer.trace("corpus.sql", CorpusGiven.file(s), base);
                TracedStatement t = f.statements().get(CorpusGiven.of(s).size());
                if (!t.traced()) {
                    problems.add("line " + s.line() + " not traced: " + t.note());
                    continue;
                }
                traced++;
                if (t.note() != null) {
                    outside++;
                }
                if (!t.disagreements().isEmpty()) {
                    problems.add("line " + s.line() + ": " + s.text() + "\n    " + t.disagreements());
                }
                if (!f.leftBehind().isEmpty()) {
                    problems.add("line " + s.line() + " left behind: " + f.leftBehind());
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        assertTrue(traced >= 150, "traced " + traced);
        assertTrue(outside >= 5, "non-transactional statements traced from a second session: " + outside);
    }

    @Test
    void aMigrationIsTracedWithTheStatementsBeforeEachOne() throws Exception {
        String migration = """
                SET lock_timeout = '2s';
                ALTER TABLE articles_article ADD COLUMN summary text;
                CREATE INDEX articles_summary_idx ON articles_article (summary);
                ALTER TABLE articles_article ADD CONSTRAINT summary_len CHECK (length(summary) < 500) NOT VALID;
                ALTER TABLE articles_article VALIDATE CONSTRAINT summary_len;
                CREATE INDEX CONCURRENTLY comments_created_idx ON comments (created_at);
                UPDATE articles_article SET summary = left(coalesce(body, ''), 100) WHERE summary IS NULL;
                ALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;
                """;
        try (Connection session = TestPostgres.connect(url)) {
            SchemaModel model = CatalogSchema.read(session);
            TracedFile f = new MigrationTracer(session, () -> TestPostgres.connect(url), new Analyzer(new PgVersion(17)))
                    .trace("m.sql", migration, model);
            assertEquals(8, f.statements().size());
            for (TracedStatement s : f.statements()) {
                assertTrue(s.traced(), s.predicted().sql() + ": " + s.note());
                assertTrue(s.disagreements().isEmpty(), s.predicted().sql() + ": " + s.disagreements());
            }
            // the index on the new column could only be built with the ADD COLUMN replayed before it
            assertFalse(f.statements().get(2).observed().tables().isEmpty());
            assertEquals(List.of("DROP INDEX CONCURRENTLY IF EXISTS public.comments_created_idx"), f.undone());
            assertTrue(f.leftBehind().isEmpty(), "left behind: " + f.leftBehind());
            assertTrue(f.statements().get(7).observed().heldBefore().containsKey("articles_article"));
        }
    }

    @Test
    void aStatementPostgresRejectsIsReportedNotTraced() throws Exception {
        try (Connection session = TestPostgres.connect(url)) {
            TracedFile f = new MigrationTracer(session, () -> TestPostgres.connect(url), new Analyzer(new PgVersion(17)))
                    .trace("m.sql", "ALTER TABLE articles_article DROP COLUMN no_such_column;\nSELECT 1;", new SchemaModel());
            assertFalse(f.statements().get(0).traced());
            assertTrue(f.statements().get(0).note().contains("no_such_column"), f.statements().get(0).note());
            assertTrue(f.statements().get(1).traced());
            assertTrue(f.leftBehind().isEmpty());
        }
    }
}
