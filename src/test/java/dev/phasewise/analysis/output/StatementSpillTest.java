package dev.phasewise.analysis.output;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.TableSize;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lint keeps memory flat at any file size: the analysis streams each statement's result and forgets it,
 * and the report reads the results back from a {@link StatementSpill}. What it prints must be exactly
 * what the all-in-memory analysis prints, late findings and suppressions included.
 */
class StatementSpillTest {
    /** Late findings (a foreign key never indexed, a transaction never committed), a suppressed late finding,
     * an unused suppression, a syntax error, sizes and estimates: everything the codec has to carry. */
    private static final String MIGRATION = """
            BEGIN;
            ALTER TABLE articles_article ADD COLUMN author_id bigint;
            ALTER TABLE articles_article ADD CONSTRAINT fk_author FOREIGN KEY (author_id) REFERENCES auth_user (id);
            -- phasewise: ignore foreign-key-without-index the referenced users are never deleted
            ALTER TABLE articles_comment ADD CONSTRAINT fk_c_author FOREIGN KEY (author_id) REFERENCES auth_user (id);
            -- phasewise: ignore require-concurrent-index-creation nothing to silence here, says the note
            SELECT 1;
            ALTER TABLE articles_article ALTER COLUMN id TYPE bigint;
            UPDATE articles_article SET body = 'é — ' || body;
            ALTER TABLE articles_article ADD COLUM oops int;
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
            """;

    @Test
    void spilledResultsPrintExactlyWhatTheInMemoryAnalysisPrints() throws Exception {
        List<String> sources = new ArrayList<>();
        sources.add(MIGRATION.repeat(4));
        try (Stream<Path> samples = Files.walk(Path.of("migrations-samples"))) {
            for (Path p : samples.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                sources.add(Files.readString(p));
            }
        }
        for (String source : sources) {
            Analyzer analyzer = new Analyzer(new PgVersion(17), Rules.ALL, null)
                    .withThroughput(new Throughput(200e6, 50e6, 80e6, "test"));
            FileAnalysis inMemory = analyzer.analyze("m.sql", source, sizedSchema());
            try (StatementSpill spill = new StatementSpill(3)) {
                Analyzer.FileEnd end = analyzer.analyze("m.sql", source, sizedSchema(), spill);
                FileAnalysis spilled = new FileAnalysis("m.sql", spill.results(end.lateFindings()), end.problems());
                assertEquals(inMemory.statements().size() > 3, spill.spilled());
                assertEquals(json(inMemory), json(spilled));
                assertEquals(text(inMemory), text(spilled));
                assertEquals(json(inMemory), json(spilled), "a second pass over the spill reads the same");
                // the report's counts come from the spill's tally: the same as reading every finding back
                for (Severity s : Severity.values()) {
                    long read = spilled.statements().stream().flatMap(r -> r.findings().stream())
                            .filter(f -> f.severity() == s).count();
                    assertEquals(read, ((SeverityTally) spilled.statements()).findings(s), s.toString());
                }
            }
        }
    }

    @Test
    void theLateFindingsAndSuppressionsLandOnTheirStatements() throws Exception {
        Analyzer analyzer = new Analyzer(new PgVersion(17));
        try (StatementSpill spill = new StatementSpill(1)) {
            Analyzer.FileEnd end = analyzer.analyze("m.sql", MIGRATION, sizedSchema(), spill);
            List<StatementResult> results = new ArrayList<>(spill.results(end.lateFindings()));
            assertTrue(results.get(0).findings().stream().anyMatch(f -> f.rule().name().equals("ban-uncommitted-transaction")));
            assertTrue(results.get(2).findings().stream().anyMatch(f -> f.rule().name().equals("foreign-key-without-index")));
            assertTrue(results.get(3).findings().stream().noneMatch(f -> f.rule().name().equals("foreign-key-without-index")),
                    "silenced by its comment even though only the end of the file decides it");
            assertTrue(end.problems().stream().anyMatch(p -> p.message().startsWith(
                    "suppression of require-concurrent-index-creation matches no finding")), end.problems().toString());
            assertTrue(end.problems().stream().noneMatch(p -> p.message().startsWith(
                    "suppression of foreign-key-without-index matches no finding")), end.problems().toString());
        }
    }

    @Test
    void theStreamingAnalysisKeepsNoStatementResult() {
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            source.append("ALTER TABLE t").append(i % 50).append(" ADD COLUMN c").append(i).append(" text;\n");
            source.append("UPDATE t").append(i % 50).append(" SET c").append(i).append(" = 'x';\n");
        }
        List<WeakReference<StatementResult>> seen = new ArrayList<>();
        Analyzer.FileEnd end = new Analyzer(new PgVersion(17)).analyze("big.sql", source.toString(), new SchemaModel(),
                r -> seen.add(new WeakReference<>(r)));
        assertEquals(6_000, end.statements());
        long alive = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            System.gc();
            alive = seen.stream().filter(w -> w.get() != null).count();
            if (alive == 0) {
                break;
            }
        }
        assertEquals(0, alive, "results still referenced after the analysis handed them on");
    }

    private static SchemaModel sizedSchema() {
        SchemaModel schema = new SchemaModel();
        SchemaFiles.apply(schema, """
                CREATE TABLE auth_user (id bigint PRIMARY KEY);
                CREATE TABLE articles_article (id integer PRIMARY KEY, body text NOT NULL);
                CREATE TABLE articles_comment (id bigint PRIMARY KEY, author_id bigint);
                """, p -> { });
        for (Relation r : schema.relations()) {
            r.setSize(new TableSize(1_000_000, 800_000_000L, 100_000_000L, 5_000_000L));
        }
        return schema;
    }

    private static String json(FileAnalysis f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReport().write(new Report(List.of(f), 17), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String text(FileAnalysis f) {
        StringWriter out = new StringWriter();
        new TextReport(false, true).write(new Report(List.of(f), 17), new PrintWriter(out));
        return out.toString();
    }
}
