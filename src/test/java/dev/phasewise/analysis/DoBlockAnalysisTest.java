package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.cost.WorkKind;
import dev.phasewise.analysis.output.GithubReport;
import dev.phasewise.analysis.output.JsonReport;
import dev.phasewise.analysis.output.Report;
import dev.phasewise.analysis.output.SarifReport;
import dev.phasewise.analysis.output.TextReport;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.TableSize;
import dev.phasewise.analysis.sql.QualifiedName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statements inside DO blocks and called procedures, analysed without a database. */
class DoBlockAnalysisTest {
    private static final String SCHEMA = """
            CREATE TABLE articles_article (id bigint PRIMARY KEY, title text NOT NULL, views integer);
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            """;

    private static FileAnalysis lint(String sql) {
        SchemaModel schema = SchemaFiles.of(SCHEMA);
        return new Analyzer(new PgVersion(17)).analyze("m.sql", sql, schema);
    }

    private static String effects(StatementResult r) {
        return r.tables().stream().filter(TableEffect::preexisting)
                .map(t -> t.name() + " " + t.lock().pgName() + (t.rewrite() ? " rewrite" : "") + (t.scan() ? " scan" : ""))
                .sorted().collect(Collectors.joining(", "));
    }

    private static String findings(StatementResult r) {
        return r.findings().stream().map(f -> f.rule().id() + "@" + f.line() + ":" + f.column())
                .sorted().collect(Collectors.joining(" "));
    }

    private static List<String> notes(FileAnalysis a) {
        return a.problems().stream().filter(p -> !p.error()).map(p -> p.line() + ":" + p.column() + " " + p.message())
                .toList();
    }

    @Test
    void aDoBlocksStatementsAreAnalysedAndHeldTogether() {
        FileAnalysis a = lint("""
                SET lock_timeout = '2s';
                DO $$
                BEGIN
                    ALTER TABLE articles_article ADD COLUMN summary text;
                    CREATE INDEX articles_title ON articles_article (title);
                END
                $$;
                """);
        assertEquals(2, a.statements().size(), "still one result per statement of the file");
        StatementResult block = a.statements().get(1);
        assertEquals("articles_article AccessExclusiveLock scan", effects(block));
        // PW318 no more; the index build is found at its own line; the index build runs while the ALTER's lock is held
        assertFalse(findings(block).contains("PW318"), findings(block));
        assertTrue(findings(block).contains("PW101@5:5"), findings(block));
        assertTrue(findings(block).contains("PW203@5:5"), findings(block));
        assertTrue(a.problems().stream().noneMatch(SourceProblem::error), a.problems().toString());
    }

    @Test
    void theSchemaFollowsTheBlocksStatementsAndTheFileAfterIt() {
        FileAnalysis a = lint("""
                DO $$ BEGIN CREATE TABLE notes (id bigint, body text); END $$;
                CREATE INDEX notes_body ON notes (body);
                """);
        // the table the block created is new: indexing it blocks nothing that exists
        assertEquals("", effects(a.statements().get(1)));
        assertFalse(findings(a.statements().get(1)).contains("PW101"), findings(a.statements().get(1)));
    }

    @Test
    void statementsUnderIfCaseLoopsAndHandlersAreReportedAsPossible() {
        FileAnalysis a = lint("""
                DO $body$
                DECLARE
                    n integer := 0;
                BEGIN
                    n := n + 1;
                    RAISE NOTICE 'starting; %', n;
                    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'x') THEN
                        CREATE INDEX x ON articles_article (views);
                    ELSIF n > 2 THEN
                        PERFORM count(*) FROM users;
                    ELSE
                        NULL;
                    END IF;
                    FOR i IN 1..3 LOOP
                        UPDATE users SET email = lower(email) WHERE id = i;
                    END LOOP;
                EXCEPTION WHEN others THEN
                    LOCK TABLE users IN ACCESS EXCLUSIVE MODE;
                END
                $body$;
                """);
        StatementResult block = a.statements().get(0);
        assertEquals("articles_article ShareLock scan, users AccessExclusiveLock scan", effects(block));
        List<String> notes = notes(a);
        assertTrue(notes.contains("8:9 possible: this statement runs only under the IF at line 7; its locks are "
                + "counted as if it runs"), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("10:9 possible: this statement runs only under the IF")),
                notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("15:9 possible: this statement runs only in the FOR loop at line 14")),
                notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("18:5 possible: this statement runs only in the exception handler at line 17")),
                notes.toString());
        Finding index = block.findings().stream().filter(f -> f.rule().id().equals("PW101")).findFirst().orElseThrow();
        assertEquals(8, index.line());
        assertTrue(index.message().startsWith("possibly (under the IF at line 7): "), index.message());
    }

    @Test
    void executeOfALiteralIsReadAndDynamicSqlIsReported() {
        FileAnalysis a = lint("""
                DO $$
                DECLARE t text := 'users';
                BEGIN
                  EXECUTE 'ALTER TABLE articles_article ALTER COLUMN views TYPE bigint';
                  EXECUTE $q$CREATE INDEX u_email ON users (email)$q$;
                  EXECUTE format('ALTER TABLE %I ADD COLUMN x int', t);
                  EXECUTE 'DROP TABLE ' || t;
                  EXECUTE t;
                END $$;
                """);
        StatementResult block = a.statements().get(0);
        assertEquals("articles_article AccessExclusiveLock rewrite scan, users ShareLock scan", effects(block));
        String f = findings(block);
        assertTrue(f.contains("PW114@4:12"), f); // inside the literal, after EXECUTE '
        assertTrue(f.contains("PW101@5:14"), f);
        assertTrue(f.contains("PW320@6:3") && f.contains("PW320@7:3") && f.contains("PW320@8:3"), f);
        List<String> messages = block.findings().stream().filter(x -> x.rule().id().equals("PW320"))
                .map(Finding::message).toList();
        assertTrue(messages.get(0).startsWith("EXECUTE format(...) at line 6 was not analysed"), messages.toString());
        assertTrue(messages.get(0).contains("phasewise trace"), messages.toString());
        assertTrue(messages.get(1).startsWith("EXECUTE of a concatenated string"), messages.toString());
        assertTrue(messages.get(2).startsWith("EXECUTE of the variable t"), messages.toString());
    }

    @Test
    void aSingleQuotedBodyKeepsItsColumnsPastDoubledQuotes() {
        FileAnalysis a = lint("DO 'BEGIN RAISE NOTICE ''hi''; CREATE INDEX i ON users (email); END';\n");
        assertTrue(findings(a.statements().get(0)).contains("PW101@1:32"), findings(a.statements().get(0)));
    }

    @Test
    void aDoBlockInsideAnOpenTransactionKeepsItsLocksInIt() {
        FileAnalysis a = lint("""
                BEGIN;
                ALTER TABLE users ADD COLUMN nick text;
                DO $$ BEGIN UPDATE articles_article SET views = 0 WHERE id = 1; END $$;
                COMMIT;
                """);
        assertTrue(findings(a.statements().get(2)).contains("PW203@3:13"), findings(a.statements().get(2)));
    }

    @Test
    void aProcedureCreatedInTheFileIsAnalysedWhereItIsCalled() {
        FileAnalysis a = lint("""
                CREATE PROCEDURE add_summary(n integer)
                LANGUAGE plpgsql AS $$
                BEGIN
                  ALTER TABLE articles_article ADD COLUMN summary text;
                END $$;
                CALL add_summary(1);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.id := 1; RETURN NEW; END $$;
                """);
        assertEquals("", effects(a.statements().get(0)), "creating it runs nothing");
        assertEquals("articles_article AccessExclusiveLock", effects(a.statements().get(1)));
        assertFalse(findings(a.statements().get(1)).contains("PW318"), findings(a.statements().get(1)));
        assertTrue(notes(a).stream().anyMatch(n -> n.startsWith("7:1 the body of function touch runs when the "
                + "function is called")), notes(a).toString());
    }

    @Test
    void blocksPhasewiseCannotReadStayUnanalysed() {
        FileAnalysis a = lint("""
                DO LANGUAGE plperl $$ my $x = 1; $$;
                CALL somewhere_else(1);
                DO $$ BEGIN IF true THEN NULL; END $$;
                """);
        assertTrue(findings(a.statements().get(2)).contains("PW318"), findings(a.statements().get(2)));
        assertTrue(notes(a).stream().anyMatch(n -> n.startsWith("3:") && n.contains("could not be read as PL/pgSQL")),
                notes(a).toString());
        assertTrue(findings(a.statements().get(0)).contains("PW318"), findings(a.statements().get(0)));
        assertTrue(findings(a.statements().get(1)).contains("PW318"), findings(a.statements().get(1)));
        assertTrue(notes(a).stream().anyMatch(n -> n.contains("LANGUAGE plperl")), notes(a).toString());
    }

    @Test
    void jsonGivesAnInnerFindingItsOwnLine() throws Exception {
        FileAnalysis a = lint("DO $$\nBEGIN\n  CREATE INDEX i ON users (email);\nEND $$;\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonReport().write(new Report(List.of(a), 17), bytes);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.replaceAll("\\s", "").contains("\"rule\":\"PW101\""), out);
        assertTrue(out.replaceAll("\\s", "").matches("(?s).*\"rule\":\"PW101\".*\"line\":3,\"column\":3.*"),
                out);
    }

    @Test
    void concurrentlyInsideADoBlockIsRejectedForTheBlockNotForATransactionTheToolWraps() {
        FileAnalysis a = lint("DO $$ BEGIN CREATE INDEX CONCURRENTLY i ON users (email); END $$;");
        Finding f = a.statements().get(0).findings().stream().filter(x -> x.rule().id().equals("PW103"))
                .findFirst().orElseThrow();
        assertTrue(f.message().contains("a DO block or procedure (statement 1) always runs as one"), f.message());
        assertEquals(13, f.column());
    }

    @Test
    void textAndGithubOutputPointAtTheInnerStatementAndSayWhatIsPossible() {
        FileAnalysis a = lint("DO $$\nBEGIN\n  IF true THEN\n    CREATE INDEX i ON users (email);\n  END IF;\nEND $$;\n");
        StringWriter text = new StringWriter();
        new TextReport(false, false).write(new Report(List.of(a), 17), new PrintWriter(text));
        assertTrue(text.toString().contains("4:5 error PW101 require-concurrent-index-creation: possibly (under the "
                + "IF at line 3): "), text.toString());
        assertTrue(text.toString().contains("m.sql:4:5") && text.toString().contains("possible: this statement runs "
                + "only under the IF at line 3"), text.toString());
        StringWriter github = new StringWriter();
        new GithubReport().write(new Report(List.of(a), 17), new PrintWriter(github));
        assertTrue(github.toString().contains("file=m.sql,line=4,col=5"), github.toString());
    }

    @Test
    void aSqlLanguageProcedureIsReadAsItsStatements() {
        FileAnalysis a = lint("""
                CREATE OR REPLACE PROCEDURE public.reset_views() LANGUAGE sql AS $$
                  UPDATE articles_article SET views = 0;
                  TRUNCATE users;
                $$;
                CALL public.reset_views();
                """);
        assertEquals("articles_article RowExclusiveLock scan, users AccessExclusiveLock rewrite scan",
                effects(a.statements().get(1)));
        assertTrue(findings(a.statements().get(1)).contains("@3:3"), findings(a.statements().get(1)));
    }

    @Test
    void aSuppressionCommentInsideTheBlockSilencesItsStatementOnly() {
        FileAnalysis a = lint("""
                DO $$
                BEGIN
                  -- phasewise: ignore PW101 the table is empty in every environment
                  CREATE INDEX i ON users (email);
                  CREATE INDEX j ON articles_article (title);
                END $$;
                """);
        String f = findings(a.statements().get(0));
        assertFalse(f.contains("PW101@4:3"), f);
        assertTrue(f.contains("PW101@5:3"), f);
    }

    @Test
    void eachStatementOfTheBlockIsEstimatedForItsOwnWork() {
        SchemaModel schema = SchemaFiles.of(SCHEMA);
        schema.find(new QualifiedName(null, "users")).orElseThrow()
                .setSize(new TableSize(1_000_000, 100_000_000, 10_000_000, 0));
        FileAnalysis a = new Analyzer(new PgVersion(17)).withThroughput(new Throughput(100e6, 50e6, 10e6, "test"))
                .analyze("m.sql", "DO $$ BEGIN CREATE INDEX i ON users (email); END $$;", schema);
        List<DurationEstimate> estimates = a.statements().get(0).estimates();
        assertEquals(1, estimates.size(), estimates.toString());
        assertEquals(WorkKind.INDEX_BUILD, estimates.get(0).work());
        assertEquals(10.0, estimates.get(0).seconds(), 0.01);
    }

    @Test
    void aBeginAtomicProcedureIsOneStatementAndIsReadWhereItIsCalled() {
        FileAnalysis a = lint("""
                CREATE PROCEDURE reset_views()
                LANGUAGE sql
                BEGIN ATOMIC
                  UPDATE articles_article SET views = CASE WHEN views > 0 THEN 0 ELSE views END;
                  DELETE FROM users WHERE id = 1;
                END;
                CALL reset_views();
                CREATE FUNCTION plus_one(i integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN i + 1;
                """);
        assertEquals(3, a.statements().size(), "the body's semicolons do not split the CREATE PROCEDURE");
        assertEquals("articles_article RowExclusiveLock scan, users RowExclusiveLock",
                effects(a.statements().get(1)));
        assertFalse(findings(a.statements().get(1)).contains("PW318"), findings(a.statements().get(1)));
        assertTrue(findings(a.statements().get(1)).contains("PW122@4:3"), findings(a.statements().get(1)));
        assertTrue(notes(a).stream().anyMatch(n -> n.startsWith("8:1 the body of function plus_one runs when")),
                notes(a).toString());
        assertTrue(a.problems().stream().noneMatch(SourceProblem::error), a.problems().toString());
    }

    @Test
    void anEscapeStringBodyIsUnescapedAndItsStatementsKeepTheirLines() {
        // \n breaks the code's line, not the file's; \x75 is u; \' and '' are quotes
        String sql = "DO E'BEGIN\\n  RAISE NOTICE \\'it\\'\\'s\\';\\n  CREATE INDEX i ON \\x75sers (email);\n"
                + "  EXECUTE ''CREATE INDEX j ON articles_article (title)'';\\tEND';\n";
        FileAnalysis a = lint(sql);
        String f = findings(a.statements().get(0));
        assertTrue(f.contains("PW101@1:" + (sql.indexOf("CREATE INDEX i") + 1)), f);
        assertTrue(f.contains("PW101@2:" + (sql.indexOf("CREATE INDEX j") - sql.indexOf('\n'))), f);
        assertEquals("articles_article ShareLock scan, users ShareLock scan", effects(a.statements().get(0)));
        assertTrue(notes(a).stream().noneMatch(n -> n.contains("escape")), notes(a).toString());
    }

    @Test
    void anEscapeStringProcedureBodyIsReadWhereItIsCalled() {
        FileAnalysis a = lint("""
                CREATE PROCEDURE add_nick() LANGUAGE plpgsql AS E'
                BEGIN
                  ALTER TABLE users ADD COLUMN nick text DEFAULT \\'none\\';
                END';
                CALL add_nick();
                """);
        assertEquals("users AccessExclusiveLock", effects(a.statements().get(1)));
        assertTrue(findings(a.statements().get(1)).contains("@3:3"), findings(a.statements().get(1)));
    }

    @Test
    void aCallInsideADoBlockRunsTheProcedureThereAndRecursionIsReadOnce() {
        FileAnalysis a = lint("""
                CREATE PROCEDURE add_summary() LANGUAGE plpgsql AS $$
                BEGIN
                  ALTER TABLE articles_article ADD COLUMN summary text;
                END $$;
                CREATE PROCEDURE again() LANGUAGE plpgsql AS $$ BEGIN CALL add_summary(); CALL again(); END $$;
                DO $$
                BEGIN
                  IF true THEN
                    CALL add_summary();
                  END IF;
                  CREATE INDEX i ON users (email);
                END $$;
                CALL again();
                """);
        StatementResult block = a.statements().get(2);
        assertEquals("articles_article AccessExclusiveLock, users ShareLock scan", effects(block));
        // the procedure's statement at its own line, possible under the DO block's IF; the index build after it
        // runs while its lock is held
        assertTrue(findings(block).contains("PW203@11:3"), findings(block));
        assertTrue(block.findings().stream().anyMatch(x -> x.line() == 3
                && x.message().startsWith("possibly (under the IF at line 8)")), block.findings().toString());
        assertTrue(notes(a).stream().anyMatch(n -> n.startsWith("3:3 possible: this statement runs only under the IF "
                + "at line 8")), notes(a).toString());
        StatementResult recursive = a.statements().get(3);
        assertEquals("articles_article AccessExclusiveLock", effects(recursive));
        assertFalse(findings(recursive).contains("PW318"), findings(recursive));
        assertTrue(notes(a).stream().anyMatch(n -> n.startsWith("5:")
                && n.contains("procedure again calls itself here (through again)")), notes(a).toString());
    }

    @Test
    void aForeignKeyAddedInsideADoBlockWithoutAnIndexIsReportedAtItsOwnLine() throws Exception {
        FileAnalysis a = lint("""
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                                 WHERE table_name = 'articles_article' AND column_name = 'author_id') THEN
                    ALTER TABLE articles_article ADD COLUMN author_id bigint REFERENCES users (id);
                  END IF;
                END $$;
                """);
        Finding fk = a.statements().get(0).findings().stream().filter(x -> x.rule().id().equals("PW124"))
                .findFirst().orElseThrow();
        assertEquals(5, fk.line());
        assertEquals(5, fk.column());
        Report report = new Report(List.of(a), 17);
        StringWriter text = new StringWriter();
        new TextReport(false, false).write(report, new PrintWriter(text));
        assertTrue(text.toString().contains("5:5 warning PW124 foreign-key-without-index"), text.toString());
        StringWriter github = new StringWriter();
        new GithubReport().write(report, new PrintWriter(github));
        assertTrue(github.toString().matches("(?s).*file=m.sql,line=5,col=5[^\\n]*PW124.*"), github.toString());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonReport().write(report, json);
        assertTrue(json.toString(StandardCharsets.UTF_8).replaceAll("\\s", "")
                .matches("(?s).*\"rule\":\"PW124\"[^}]*\"line\":5,\"column\":5.*"), json.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream sarif = new ByteArrayOutputStream();
        new SarifReport(List.of(dev.phasewise.analysis.rules.ForeignKeyWithoutIndex.META), "test").write(report, sarif);
        assertTrue(sarif.toString(StandardCharsets.UTF_8).replaceAll("\\s", "")
                .matches("(?s).*\"ruleId\":\"PW124\".*?\"startLine\":5,\"startColumn\":5.*"),
                sarif.toString(StandardCharsets.UTF_8));
    }
}
