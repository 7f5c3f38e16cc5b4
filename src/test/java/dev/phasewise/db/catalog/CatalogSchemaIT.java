package dev.phasewise.db.catalog;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.testing.TraceCorpus;
import dev.phasewise.testing.Resources;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog reaches the analysis as the same model a schema dump gives: the whole trace corpus
 * analysed against the live database's model must give the same locks, rewrites, scans and rule
 * ids as against the schema file that built that database.
 */
class CatalogSchemaIT {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.seededDatabase(17, "catalog_schema");
    }

    @Test
    void analysisWithTheCatalogEqualsAnalysisWithTheSchemaFile() throws Exception {
        SchemaModel fromFile = SchemaFiles.of(Resources.text("trace/base-schema.sql"));
        fromFile.markComplete(); // the whole database, as the catalog is
        SchemaModel fromCatalog;
        try (Connection c = TestPostgres.connect(url)) {
            fromCatalog = CatalogSchema.read(c);
        }
        Analyzer analyzer = new Analyzer(new PgVersion(17));
        List<String> differences = new ArrayList<>();
        int n = 0;
        for (TraceCorpus.CorpusEntry entry : TraceCorpus.entries()) {
            // the statement itself, after what its migration runs first (a search_path, earlier statements)
            Statement s = entry.statement();
            List<StatementResult> fromFileResults = analyzer.analyze("corpus.sql", entry.file(), fromFile).statements();
            StatementResult a = fromFileResults.get(fromFileResults.size() - 1);
            List<StatementResult> fromCatalogResults = analyzer.analyze("corpus.sql", entry.file(), fromCatalog)
                    .statements();
            StatementResult b = fromCatalogResults.get(fromCatalogResults.size() - 1);
            n++;
            if (!describe(a).equals(describe(b))) {
                differences.add("line " + s.line() + ": " + s.text() + "\n    schema file: " + describe(a)
                        + "\n    catalog:     " + describe(b));
            }
        }
        assertTrue(n >= 150);
        assertTrue(differences.isEmpty(), differences.size() + " of " + n + " statements differ:\n"
                + String.join("\n", differences));
    }

    @Test
    void sizesRowsAndInvalidIndexesComeFromTheServer() throws Exception {
        try (Connection c = TestPostgres.connect(url); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS dup (v int)");
            st.execute("INSERT INTO dup VALUES (1), (1)");
            // a unique index that fails to build concurrently stays behind, invalid
            try {
                st.execute("CREATE UNIQUE INDEX CONCURRENTLY dup_v_idx ON dup (v)");
            } catch (java.sql.SQLException expected) {
                // duplicate key: the index is left invalid
            }
            SchemaModel model = CatalogSchema.read(c);
            Relation articles = model.find(QualifiedName.of("articles_article")).orElseThrow();
            assertTrue(articles.size().known());
            assertTrue(articles.estimatedRows() > 0, "row estimate after ANALYZE");
            assertTrue(articles.size().heapBytes() >= 8192);
            assertTrue(articles.size().indexBytes() > 0);
            assertFalse(model.findIndex(QualifiedName.of("dup_v_idx")).orElseThrow().valid());
            assertTrue(model.findIndex(QualifiedName.of("articles_article_slug_key")).orElseThrow().valid());
            assertTrue(model.find(new QualifiedName("archive", "old_orders")).isPresent());
            assertTrue(model.isEnum("article_status"));
        }
    }

    @Test
    void theSessionsSearchPathComesWithTheModel() throws Exception {
        try (Connection c = TestPostgres.connect(url); java.sql.Statement st = c.createStatement()) {
            st.execute("SET search_path TO app, no_such_schema, public");
            SchemaModel model = CatalogSchema.read(c);
            // as the server applies it: a schema that does not exist is left out
            assertEquals(List.of("app", "public"), model.searchPath().schemas());
            StatementResult r = new Analyzer(new PgVersion(17))
                    .analyze("m.sql", "ALTER TABLE users ADD COLUMN nickname text;", model).statements().get(0);
            assertEquals("[PW201, app.users AccessExclusiveLock]", describe(r));
        }
    }

    private static String describe(StatementResult r) {
        TreeSet<String> out = new TreeSet<>();
        for (TableEffect t : r.tables()) {
            out.add(t.name() + " " + t.lock().pgName() + (t.rewrite() ? " rewrite" : "") + (t.scan() ? " scan" : ""));
        }
        for (Finding f : r.findings()) {
            out.add(f.rule().id());
        }
        return out.toString();
    }
}
