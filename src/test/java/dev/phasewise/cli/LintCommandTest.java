package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lint contract, and bad input: clear messages naming file and line, exit 2, never a stack trace. */
class LintCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run lint(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "lint";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        return new Run(r.exit(), r.out(), r.err());
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        Path f = file("m.sql", "-- add summary\nALTER TABLE articles_article ADD COLUMN summary varchar(300) NOT NULL;\n");
        Run r = lint("--format", "json", f.toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode st = root.get("files").get(0).get("statements").get(0);
        assertEquals(f.toString(), root.get("files").get(0).get("file").asText());
        assertEquals(1, st.get("index").asInt());
        assertEquals(2, st.get("line").asInt());
        JsonNode table = st.get("tables").get(0);
        assertEquals("articles_article", table.get("name").asText());
        assertEquals("AccessExclusiveLock", table.get("lock").asText());
        assertFalse(table.get("rewrite").asBoolean());
        assertTrue(table.get("scan").asBoolean());
        boolean found = false;
        for (JsonNode finding : st.get("findings")) {
            if (finding.get("rule").asText().equals("PW112")) {
                found = true;
                assertEquals("error", finding.get("severity").asText());
                assertTrue(finding.get("message").asText().contains("articles_article"));
                assertTrue(finding.get("fix").asText().contains("ADD COLUMN"));
            }
        }
        assertTrue(found, r.out());
    }

    @Test
    void failOnDecidesTheExitCode() throws Exception {
        Path f = file("m.sql", "ALTER TABLE t ADD COLUMN c text;\n");
        assertEquals(0, lint(f.toString()).exit());
        assertEquals(1, lint("--fail-on", "warning", f.toString()).exit());
        assertEquals(2, lint("--fail-on", "sometimes", f.toString()).exit());
    }

    @Test
    void sarifIsWellFormed() throws Exception {
        Path f = file("m.sql", "CREATE INDEX i ON t (c);\n");
        Run r = lint("--format", "sarif", f.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("2.1.0", root.get("version").asText());
        JsonNode result = root.get("runs").get(0).get("results").get(0);
        assertTrue(result.get("ruleId").asText().startsWith("PW"));
        assertEquals(1, result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
    }

    @Test
    void missingFileIsAnInputError() {
        Run r = lint(dir.resolve("nope.sql").toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("nope.sql: no such file"), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
    }

    @Test
    void aFolderWithoutMigrationsIsAnInputError() {
        // a folder is a migration history (aFolderIsLintedAsAHistory...); one with no .sql file is a mistake
        Run r = lint(dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("no migration files (.sql)"), r.out());
    }

    /** lint's options are declared in code (DeclaredOptions): picocli still checks them as it did the annotations. */
    @Test
    void usageErrorsNameTheProblemAndExitWith2() throws Exception {
        Path sql = file("one.sql", "ALTER TABLE articles ADD COLUMN summary text;\n");
        Run noFile = lint();
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().startsWith("Missing required parameter: 'FILE'"), noFile.err());
        Run unknown = lint("--bogus", sql.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("Unknown option: '--bogus'"), unknown.err());
        Run format = lint("--format", "yaml", sql.toString());
        assertEquals(2, format.exit());
        assertTrue(format.err().startsWith("Invalid value for option '--format': expected one of [text, json, sarif, "
                + "github, gitlab, rdjson] (case-insensitive) but was 'yaml'"), format.err());
        Run version = lint("--pg-version", "x", sql.toString());
        assertEquals(2, version.exit());
        assertTrue(version.err().startsWith("Invalid value for option '--pg-version': 'x' is not an int"), version.err());
    }

    /** Options left out take their defaults, and a second run in the same JVM starts from them again. */
    @Test
    void optionsLeftOutTakeTheirDefaults() throws Exception {
        Path sql = file("one.sql", "ALTER TABLE articles ADD COLUMN summary text;\n");
        Run json = lint("--format", "json", "--pg-version", "12", "--no-estimate", "-v", sql.toString());
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"pg_version\" : 12"), json.out());
        Run text = lint(sql.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(!text.out().isBlank() && !text.out().startsWith("{"), "text, the default format: " + text.out());
        Run again = lint("--format", "json", sql.toString());
        assertTrue(again.out().contains("\"pg_version\" : 17"), again.out());
    }

    @Test
    void binaryFileIsAnInputError() throws Exception {
        Path p = dir.resolve("x.bin");
        Files.write(p, new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2});
        Run r = lint(p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("binary file"), r.out());
    }

    @Test
    void aPlanFileIsPointedToThePlanCommand() throws Exception {
        Path plan = file("x.plan.yaml", "# a plan\nversion: 1\nname: x\nphases:\n  expand:\n    steps: []\n");
        Run r = lint(plan.toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("is a plan file (YAML), not SQL: run `phasewise plan " + plan + "`"), r.out());
        assertFalse(r.out().contains("syntax error"), r.out());
        Path renamed = file("plan.txt", Files.readString(plan));
        assertTrue(lint(renamed.toString()).out().contains("is a plan file"), "recognised by its content too");
    }

    @Test
    void emptyFileIsAnInputError() throws Exception {
        Run r = lint(file("empty.sql", "-- nothing here\n").toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("empty.sql:1:1: no SQL statements found"), r.out());
    }

    @Test
    void syntaxErrorNamesLineAndTheRestIsStillAnalysed() throws Exception {
        Path f = file("m.sql", "SELECT 1;\nALTER TABEL articles ADD COLUMN x int;\nCREATE INDEX i ON articles (x);\n");
        Run r = lint(f.toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("m.sql:2:7: syntax error at or near \"TABEL\""), r.out());
        assertTrue(r.out().contains("PW101"), "the statement after the error is analysed:\n" + r.out());
    }

    @Test
    void unknownCommandIsASyntaxError() throws Exception {
        Run r = lint(file("m.sql", "ALTR TABLE t ADD COLUMN x int;\n").toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("m.sql:1:1: syntax error at or near \"ALTR\": not a PostgreSQL command"), r.out());
    }

    @Test
    void unterminatedQuoteNamesItsLine() throws Exception {
        Run r = lint(file("m.sql", "SELECT 1;\n\nUPDATE t SET a = 'x WHERE id = 1;\nSELECT 2;\n").toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("m.sql:3:18: unterminated quoted string"), r.out());
    }

    @Test
    void unterminatedQuoteIsReportedOnce() throws Exception {
        Run r = lint(file("m.sql", "SELECT 1;\nUPDATE t SET name = 'abc;\nSELECT 2;\n").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.out().split("unterminated quoted string", -1).length - 1, r.out());
        assertTrue(r.out().contains("1 input error"), r.out());
    }

    @Test
    void unclosedParenthesisDoesNotHideTheStatementsAfterIt() throws Exception {
        Path f = file("m.sql", "CREATE TABLE t (\n  id bigint,\n  name text;\n\nALTER TABLE t ADD COLUMN x bigint;\n\n"
                + "CREATE INDEX t_name ON articles (title);\n");
        Run r = lint(f.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("m.sql:1:16: unclosed \"(\" opened here: nothing closes it before the \";\" on line 3"),
                r.out());
        assertTrue(r.out().contains("the statements from line 5 on are analysed on their own"), r.out());
        assertTrue(r.out().contains("PW101"), "the CREATE INDEX after it is analysed:\n" + r.out());
        assertTrue(r.out().contains("3 statements") && r.out().contains("1 error,") && r.out().contains("1 input error"),
                r.out());
        JsonNode root = new ObjectMapper().readTree(lint("--format", "json", f.toString()).out());
        assertEquals(3, root.get("files").get(0).get("statements").size(), root.toString());

        Run sameLine = lint(file("s.sql", "CREATE TABLE t (a int; SELEC 1;\n").toString());
        assertTrue(sameLine.out().contains("s.sql:1:16: unclosed"), sameLine.out());
        assertTrue(sameLine.out().contains("s.sql:1:24: syntax error at or near \"SELEC\""),
                "an error of the next statement on the same line is still reported:\n" + sameLine.out());
    }

    @Test
    void invalidUtf8IsReportedAndTheFileStillAnalysed() throws Exception {
        Path p = dir.resolve("latin1.sql");
        Files.write(p, "COMMENT ON TABLE t IS 'caf\u00e9';\nCREATE INDEX i ON t (c);\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Run r = lint(p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("not valid UTF-8"), r.out());
        assertTrue(r.out().contains("PW101"), r.out());
    }

    @Test
    void suppressionNeedsAReasonAndSilencesOneStatement() throws Exception {
        Path f = file("m.sql", "-- phasewise: ignore PW101 the table is empty in every environment\n"
                + "CREATE INDEX i ON t (c);\nCREATE INDEX j ON t (d);\n"
                + "-- phasewise: ignore require-concurrent-index-creation\nCREATE INDEX k ON t (e);\n");
        Run r = lint("--format", "json", f.toString());
        JsonNode st = new ObjectMapper().readTree(r.out()).get("files").get(0).get("statements");
        assertTrue(ids(st.get(0)).doesNotContain("PW101"));
        assertTrue(ids(st.get(1)).contains("PW101"));
        assertTrue(ids(st.get(2)).contains("PW101"), "a suppression without a reason does not apply");
        assertTrue(r.out().contains("give a reason"), r.out());
    }

    private record Ids(String all) {
        boolean contains(String id) {
            return all.contains(id);
        }

        boolean doesNotContain(String id) {
            return !all.contains(id);
        }
    }

    private static Ids ids(JsonNode statement) {
        StringBuilder b = new StringBuilder();
        statement.get("findings").forEach(f -> b.append(f.get("rule").asText()).append(' '));
        return new Ids(b.toString());
    }

    @Test
    void schemaFilesDecideWhatIsNew() throws Exception {
        Path schema = file("schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY, c text);\n");
        Path m = file("m.sql", "CREATE TABLE fresh (id bigint);\nCREATE INDEX i ON fresh (id);\nCREATE INDEX j ON t (c);\n");
        Run r = lint("--format", "json", "--schema", schema.toString(), m.toString());
        JsonNode st = new ObjectMapper().readTree(r.out()).get("files").get(0).get("statements");
        assertEquals("fresh", st.get(1).get("tables").get(0).get("name").asText(), "locks on new tables are reported");
        assertTrue(ids(st.get(1)).doesNotContain("PW101"), "risks on new tables are not");
        assertTrue(ids(st.get(2)).contains("PW101"));
    }

    @Test
    void searchPathDecidesWhichTableAnUnqualifiedNameIs() throws Exception {
        Path schema = file("schema.sql", "CREATE SCHEMA app;\nCREATE TABLE t (id bigint PRIMARY KEY, c text);\n"
                + "CREATE TABLE app.t (id bigint PRIMARY KEY, c text);\n");
        Path m = file("m.sql", "ALTER TABLE t ADD COLUMN d text;\n");
        JsonNode plain = new ObjectMapper().readTree(lint("--format", "json", "--schema", schema.toString(),
                m.toString()).out()).get("files").get(0).get("statements");
        assertEquals("t", plain.get(0).get("tables").get(0).get("name").asText());
        Run r = lint("--format", "json", "--schema", schema.toString(), "--search-path", "app, public", m.toString());
        JsonNode st = new ObjectMapper().readTree(r.out()).get("files").get(0).get("statements");
        assertEquals("app.t", st.get(0).get("tables").get(0).get("name").asText());
    }

    @Test
    void pgVersionOutOfRangeIsAUsageError() throws Exception {
        Run r = lint("--pg-version", "9", file("m.sql", "SELECT 1;").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("PostgreSQL 9 is not supported"), r.err());
    }

    @Test
    void largeFileIsAnalysedWithoutTrouble() throws Exception {
        StringBuilder b = new StringBuilder();
        StringBuilder row = new StringBuilder("INSERT INTO audit_log (id, payload) VALUES ");
        for (int i = 0; i < 20; i++) {
            row.append(i == 0 ? "" : ", ").append("(").append(i).append(", '{\"k\": \"a value; with -- noise\"}')");
        }
        String stmt = row.append(";\n").toString();
        while (b.length() < 50 * 1024 * 1024) {
            b.append(stmt);
        }
        Path p = file("big.sql", b.toString());
        Run r = lint("--format", "sarif", p.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"results\""));
    }

    @Test
    void findingsThatConvertRewritesEndTheFileWithTheCommandThatDoesIt() throws Exception {
        Path risky = file("risky.sql", "CREATE INDEX articles_title_idx ON articles_article (title);\n");
        Run r = lint("--color", "never", risky.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("phasewise convert " + risky + " rewrites this finding into a phased plan"), r.out());

        Path other = file("other.sql", "ALTER TABLE articles_article RENAME COLUMN title TO headline;\n");
        Run o = lint("--color", "never", "--fail-on", "info", other.toString());
        assertFalse(o.out().contains("phasewise convert"), o.out());
    }

    @Test
    void aFolderIsLintedAsAHistoryWithEachEarlierFileAsTheSchema() throws Exception {
        Path folder = dir.resolve("flyway");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n");
        Files.writeString(folder.resolve("V2__check.sql"), "ALTER TABLE orders ADD CONSTRAINT note_present "
                + "CHECK (note IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT note_present;\n");
        Files.writeString(folder.resolve("V10__not_null.sql"), "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n");

        Run history = lint("--format", "json", folder.toString());
        JsonNode files = new ObjectMapper().readTree(history.out()).get("files");
        assertEquals(3, files.size());
        assertTrue(files.get(2).get("file").asText().endsWith("V10__not_null.sql"), "V10 runs after V2");
        assertFalse(history.out().contains("PW111"), "V2's validated check proves the column: no scan\n" + history.out());

        Run alone = lint("--format", "json", folder.resolve("V10__not_null.sql").toString());
        assertTrue(alone.out().contains("PW111"), "alone, nothing proves it: " + alone.out());
    }

    @Test
    void prismaAndDieselFoldersAreLintedOneDirectoryPerMigration() throws Exception {
        Path prisma = dir.resolve("prisma/migrations");
        Files.createDirectories(prisma.resolve("20240101120000_init"));
        Files.createDirectories(prisma.resolve("20240301090000_not_null"));
        Files.writeString(prisma.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        Files.writeString(prisma.resolve("20240101120000_init/migration.sql"), "CREATE TABLE orders (id bigint "
                + "PRIMARY KEY, note text);\nALTER TABLE orders ADD CONSTRAINT note_present CHECK (note IS NOT NULL);\n");
        Files.writeString(prisma.resolve("20240301090000_not_null/migration.sql"),
                "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n");
        Run p = lint("--format", "json", prisma.toString());
        JsonNode files = new ObjectMapper().readTree(p.out()).get("files");
        assertEquals(2, files.size(), p.out());
        assertTrue(files.get(1).get("file").asText().endsWith("20240301090000_not_null/migration.sql"), p.out());
        assertFalse(p.out().contains("PW111"), "the first directory's check proves the column\n" + p.out());

        Path diesel = dir.resolve("diesel/migrations");
        Files.createDirectories(diesel.resolve("2024-01-01-000000_orders"));
        Files.writeString(diesel.resolve("2024-01-01-000000_orders/up.sql"), "CREATE INDEX orders_note_idx ON orders (note);\n");
        Files.writeString(diesel.resolve("2024-01-01-000000_orders/down.sql"), "DROP TABLE orders;\n");
        Run d = lint("--format", "json", diesel.toString());
        assertTrue(d.out().contains("PW101"), d.out());
        assertFalse(d.out().contains("PW304"), "down.sql is not run\n" + d.out());
    }

    @Test
    void changedSinceReportsOnlyTheFilesABranchChanged() throws Exception {
        Path repo = dir.resolve("repo");
        Path folder = repo.resolve("migrations");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("0001_orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "one");
        Files.writeString(folder.resolve("0002_index.sql"), "CREATE INDEX orders_note_idx ON orders (note);\n");

        Run r = lint("--format", "json", "--changed-since", "HEAD", folder.toString());
        JsonNode files = new ObjectMapper().readTree(r.out()).get("files");
        assertEquals(1, files.size(), r.out());
        assertTrue(files.get(0).get("file").asText().endsWith("0002_index.sql"));
        assertTrue(r.out().contains("PW101"), "orders exists with rows by then: " + r.out());
    }

    private static void git(Path dir, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    /**
     * SET LOCAL before any BEGIN: the author expects the tool's transaction, so the file is analysed as one
     * and the output says so (the SET LOCAL lock_timeout counts: no PW201); told it does not run in one,
     * lint says SET LOCAL has no effect, and then PW201's warning is explained rather than contradictory.
     */
    @Test
    void setLocalBeforeAnyBeginMeansTheFileRunsInOneTransactionAndLintSaysSo() throws Exception {
        Path f = file("local.sql", "SET LOCAL lock_timeout = '2s';\nALTER TABLE articles_article ADD COLUMN x bigint;\n");
        Run wrapped = lint("--color", "never", "--fail-on", "warning", f.toString());
        assertEquals(0, wrapped.exit(), wrapped.out());
        assertFalse(wrapped.out().contains("PW201"), wrapped.out());
        assertTrue(wrapped.out().contains("local.sql:1:1: SET LOCAL before any BEGIN: the file is analysed as one "
                + "transaction"), wrapped.out());

        Run autocommit = lint("--color", "never", "--fail-on", "warning", "--no-assume-in-transaction", f.toString());
        assertEquals(1, autocommit.exit(), autocommit.out());
        assertTrue(autocommit.out().contains("PW201"), autocommit.out());
        assertTrue(autocommit.out().contains("SET LOCAL outside a transaction block has no effect"), autocommit.out());

        Path explicit = file("explicit.sql", "BEGIN;\nSET LOCAL lock_timeout = '2s';\n"
                + "ALTER TABLE articles_article ADD COLUMN x bigint;\nCOMMIT;\n");
        Run inside = lint("--color", "never", "--fail-on", "warning", explicit.toString());
        assertEquals(0, inside.exit(), inside.out());
        assertFalse(inside.out().contains("SET LOCAL"), "an explicit transaction needs no note: " + inside.out());
        // a SET LOCAL inside a DO block runs in the block's own transaction: it says nothing about the file
        Path block = file("block.sql", "DO $$\nBEGIN\nSET LOCAL lock_timeout = '2s';\nEND $$;\n"
                + "ALTER TABLE articles_article ADD COLUMN x bigint;\n");
        Run inBlock = lint("--color", "never", block.toString());
        assertFalse(inBlock.out().contains("analysed as one transaction"), inBlock.out());
    }
}
