package dev.phasewise.analysis.parse;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitterTest {

    private static List<Statement> split(String sql, List<SourceProblem> problems) {
        return Splitter.split(sql, problems);
    }

    private static List<String> texts(String sql) {
        return split(sql, new ArrayList<>()).stream().map(Statement::text).toList();
    }

    @Test
    void semicolonsInsideQuotesCommentsAndIdentifiersDoNotSplit() {
        assertEquals(List.of("SELECT 'a;b', \"c;d\"", "SELECT 2"), texts("SELECT 'a;b', \"c;d\"; SELECT 2;"));
        assertEquals(List.of("SELECT 'it''s; fine'"), texts("SELECT 'it''s; fine';"));
        assertEquals(List.of("SELECT E'a\\';b'"), texts("SELECT E'a\\';b';"));
        assertEquals(List.of("SELECT 1 /* ; /* nested ; */ still ; */ + 1"),
                texts("SELECT 1 /* ; /* nested ; */ still ; */ + 1;"));
        assertEquals(List.of("SELECT 1", "SELECT 2"), texts("SELECT 1; -- a comment; with semicolons\nSELECT 2"));
    }

    @Test
    void dollarQuotesHideSemicolonsAndParamsAreNotQuotes() {
        String fn = "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$";
        assertEquals(List.of(fn, "SELECT $1 + 1"), texts(fn + ";\nSELECT $1 + 1;"));
        assertEquals(List.of("DO $$ BEGIN PERFORM 1; END $$"), texts("DO $$ BEGIN PERFORM 1; END $$;"));
        assertEquals(List.of("SELECT a$b FROM t"), texts("SELECT a$b FROM t;"));
    }

    @Test
    void sqlStandardFunctionBodiesAndParenthesesHideSemicolons() {
        String body = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; SELECT CASE "
                + "WHEN a > 0 THEN 1 ELSE 2 END; END";
        assertEquals(List.of(body, "SELECT 1"), texts(body + ";\nSELECT 1;"));
        assertEquals(List.of("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))"),
                texts("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));"));
    }

    @Test
    void djangoSqlmigrateOutputKeepsBeginAndCommitAsStatements() {
        String sql = "BEGIN;\n--\n-- Add field summary to article\n--\nALTER TABLE \"a\" ADD COLUMN \"s\" text NULL;\nCOMMIT;\n";
        List<Statement> s = split(sql, new ArrayList<>());
        assertEquals(List.of("BEGIN", "ALTER TABLE \"a\" ADD COLUMN \"s\" text NULL", "COMMIT"),
                s.stream().map(Statement::text).toList());
        assertEquals(5, s.get(1).line());
        assertEquals(1, s.get(1).column());
        assertEquals(3, s.get(1).comments().size());
    }

    @Test
    void psqlMetaCommandsAreReportedAndSkipped() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Statement> s = split("\\set ON_ERROR_STOP on\nSELECT 1;\n\\connect other\nSELECT 2;\n", problems);
        assertEquals(List.of("SELECT 1", "SELECT 2"), s.stream().map(Statement::text).toList());
        assertEquals(2, problems.size());
        assertTrue(problems.stream().noneMatch(SourceProblem::error));
        assertEquals(3, problems.get(1).line());
    }

    @Test
    void copyFromStdinDataIsSkipped() {
        String sql = "COPY t (a, b) FROM stdin;\n1\tx;y\n2\t'z\n\\.\nSELECT 1;";
        assertEquals(List.of("COPY t (a, b) FROM stdin", "SELECT 1"), texts(sql));
    }

    @Test
    void positionsAreLineAndColumnOfTheFirstToken() {
        List<Statement> s = split("SELECT 1;\n\n   SELECT\n 2;", new ArrayList<>());
        assertEquals(3, s.get(1).line());
        assertEquals(4, s.get(1).column());
        assertEquals(2, s.get(1).index());
    }

    @Test
    void unterminatedConstructsAreErrorsWithTheirLine() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Statement> s = split("SELECT 1;\nSELECT 'oops;\nSELECT 3;", problems);
        assertEquals(2, s.size());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).error());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("unterminated quoted string"));
        problems.clear();
        split("SELECT $$ never closed", problems);
        assertTrue(problems.get(0).message().contains("dollar-quoted"));
        problems.clear();
        split("SELECT 1 /* never closed", problems);
        assertTrue(problems.get(0).message().contains("comment"));
    }

    @Test
    void anUnclosedParenthesisEndsAtTheSemicolonBeforeTheNextStatement() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Statement> s = split("CREATE TABLE t (\n  id bigint,\n  name text;\n\n-- next\nALTER TABLE t ADD c int;\n"
                + "CREATE INDEX i ON t (c);\n", problems);
        assertEquals(List.of("CREATE TABLE t (\n  id bigint,\n  name text", "ALTER TABLE t ADD c int",
                "CREATE INDEX i ON t (c)"), s.stream().map(Statement::text).toList());
        assertEquals(6, s.get(1).line());
        assertEquals(1, s.get(1).comments().size(), "the comment before the next statement stays with it");
        assertEquals(1, problems.size(), problems.toString());
        SourceProblem p = problems.get(0);
        assertTrue(p.error());
        assertEquals(1, p.line());
        assertEquals(16, p.column());
        assertTrue(p.message().contains("before the \";\" on line 3"), p.message());
        assertTrue(p.message().contains("from line 6 on"), p.message());
    }

    @Test
    void anUnclosedParenthesisPrefersASemicolonFollowedByAStatementAtALineStart() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Statement> s = split("INSERT INTO t VALUES (1; 2;\nSELECT 'a\n;b';\n\\echo hi\nSELECT 3;", problems);
        assertEquals(List.of("INSERT INTO t VALUES (1; 2", "SELECT 'a\n;b'", "SELECT 3"),
                s.stream().map(Statement::text).toList());
        assertEquals(2, problems.size(), "the meta-command after the swallowed part is reported once: " + problems);
        assertTrue(problems.get(0).message().contains("on line 1"), problems.toString());
        assertEquals(4, problems.get(1).line());
    }

    @Test
    void anUnclosedParenthesisWithoutASemicolonRunsToTheEnd() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Statement> s = split("SELECT 1;\nCREATE TABLE t (id int\n", problems);
        assertEquals(2, s.size());
        assertEquals(1, problems.size());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("runs to the end of the file"), problems.toString());
    }

    @Test
    void emptyStatementsAndByteOrderMarksAreIgnored() {
        assertEquals(List.of("SELECT 1"), texts("\uFEFF;;SELECT 1;;"));
    }
}
