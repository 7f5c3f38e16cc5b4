package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trace --apply} through the real command line on embedded PostgreSQL 17: a migration folder
 * whose second and third files depend on the first is traced file by file on top of the ones before
 * (applied and committed), and the summary ends with the agreement figure. Without --apply the same
 * files are traced each alone, rolled back, and the dependent ones cannot run.
 */
class TraceHistoryIT {
    @TempDir
    Path dir;

    private Path history() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(folder.resolve("001_accounts.sql"), """
                CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
                INSERT INTO accounts (id, name) VALUES (1, 'a'), (2, 'b');
                """);
        // numbered 10, after 2: the folder's order is by number, not by name
        Files.writeString(folder.resolve("10_accounts_name_index.sql"),
                "CREATE INDEX CONCURRENTLY accounts_name_idx ON accounts (name);\n");
        Files.writeString(folder.resolve("2_accounts_email.sql"), """
                BEGIN;
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE accounts ADD COLUMN email text;
                CREATE INDEX accounts_email_idx ON accounts (email);
                COMMIT;
                """);
        return folder;
    }

    private static String database(String name, boolean staging) throws Exception {
        String jdbc = TestPostgres.freshDatabase(17, name);
        if (staging) {
            try (Connection c = TestPostgres.connect(jdbc); Statement st = c.createStatement()) {
                st.execute("ALTER DATABASE " + name + " SET phasewise.environment = 'staging'");
            }
        }
        return "postgresql://postgres@localhost:" + TestPostgres.server(17).getPort() + "/" + name;
    }

    @Test
    void aFolderIsTracedFileByFileOnTopOfTheFilesBeforeAndEndsWithTheAgreementFigure() throws Exception {
        Path folder = history();
        String url = database("trace_history", true);

        DatabaseCommandsIT.Run r = DatabaseCommandsIT.run("trace", "--url", url, "--apply", folder.toString());

        assertEquals(0, r.exit(), r.out() + r.err());
        String out = r.out();
        // the files in the folder's order, the later ones traced against what the first one created
        assertTrue(out.indexOf("001_accounts.sql") < out.indexOf("2_accounts_email.sql")
                && out.indexOf("2_accounts_email.sql") < out.indexOf("10_accounts_name_index.sql"), out);
        assertFalse(out.contains("rejected"), out);
        assertTrue(out.contains("accounts                     AccessExclusiveLock"), out);
        // CREATE TABLE, INSERT, SET LOCAL, ADD COLUMN, CREATE INDEX, CREATE INDEX CONCURRENTLY (BEGIN/COMMIT are not traced)
        assertTrue(out.strip().endsWith("agreement: 6 statements traced, 6 where PostgreSQL and the analysis agree "
                + "(100.0 %), 0 needless alarms (errors on statements PostgreSQL showed safe)"), out);
        // and the history is applied: the database holds what the three files made
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "trace_history"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'accounts' ORDER BY 1")) {
            List<String> indexes = new ArrayList<>();
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
            assertEquals(List.of("accounts_email_idx", "accounts_name_idx", "accounts_pkey"), indexes);
        }
    }

    @Test
    void withoutApplyTheSameFilesAreTracedAloneAndRolledBack() throws Exception {
        Path folder = history();
        String url = database("trace_history_alone", true);

        DatabaseCommandsIT.Run r = DatabaseCommandsIT.run("trace", "--url", url,
                folder.resolve("001_accounts.sql").toString(), folder.resolve("2_accounts_email.sql").toString());

        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PostgreSQL rejected it: ERROR: relation \"accounts\" does not exist"), r.out());
        assertFalse(r.out().contains("agreement:"), r.out());
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "trace_history_alone"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('accounts') IS NULL")) {
            assertTrue(rs.next() && rs.getBoolean(1), "nothing committed without --apply");
        }
        // a folder without --apply is an input error that says what to write
        DatabaseCommandsIT.Run folderAlone = DatabaseCommandsIT.run("trace", "--url", url, folder.toString());
        assertEquals(2, folderAlone.exit(), folderAlone.out() + folderAlone.err());
        assertTrue(folderAlone.err().contains("is a folder: a migration history is traced with --apply"),
                folderAlone.err());
    }

    @Test
    void aStatementRejectedWhenAppliedIsListedAndTheJsonCarriesTheFigure() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(folder.resolve("V1__init.sql"), "CREATE TABLE plans (id bigint PRIMARY KEY);\n");
        Files.writeString(folder.resolve("V2__bad.sql"), "ALTER TABLE plans ADD COLUMN a text;\n"
                + "ALTER TABLE missing_table ADD COLUMN b text;\n");
        String url = database("trace_history_broken", true);

        DatabaseCommandsIT.Run r = DatabaseCommandsIT.run("trace", "--url", url, "--apply", folder.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("NOT APPLIED (PostgreSQL rejected it): line 2: ERROR: relation \"missing_table\" "
                + "does not exist"), r.out());
        assertTrue(r.out().contains("1 statement PostgreSQL rejected when applied"), r.out());

        String again = database("trace_history_broken_json", true);
        DatabaseCommandsIT.Run json = DatabaseCommandsIT.run("trace", "--url", again, "--apply", "--format", "json",
                folder.toString());
        JsonNode summary = new ObjectMapper().readTree(json.out()).get("summary");
        assertEquals(2, summary.get("traced").asInt(), json.out());
        assertEquals(2, summary.get("agreeing").asInt(), json.out());
        assertEquals(100.0, summary.get("agreement_percent").asDouble(), json.out());
        assertEquals(1, summary.get("not_applied").asInt(), json.out());
    }

    @Test
    void aConcurrentStatementIsTracedAfterTheStatementsBeforeItInItsFileAreApplied() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("concurrent"));
        // psql commits the CREATE TABLE before the CONCURRENTLY statements run: they must see the table
        Files.writeString(folder.resolve("001_invoices.sql"), """
                CREATE TABLE invoices (id bigint PRIMARY KEY, number text);
                CREATE INDEX CONCURRENTLY invoices_number_idx ON invoices (number);
                ALTER TABLE invoices ADD COLUMN due date;
                DROP INDEX CONCURRENTLY IF EXISTS invoices_number_idx;
                CREATE INDEX CONCURRENTLY invoices_due_idx ON invoices (due);
                """);
        String url = database("trace_history_concurrent", true);

        DatabaseCommandsIT.Run r = DatabaseCommandsIT.run("trace", "--url", url, "--apply", folder.toString());

        assertEquals(0, r.exit(), r.out() + r.err());
        assertFalse(r.out().contains("rejected"), r.out());
        assertFalse(r.out().contains("LEFT BEHIND"), r.out());
        assertTrue(r.out().strip().endsWith("agreement: 5 statements traced, 5 where PostgreSQL and the analysis agree "
                + "(100.0 %), 0 needless alarms (errors on statements PostgreSQL showed safe)"), r.out());
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres",
                "trace_history_concurrent")); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes "
                     + "WHERE tablename = 'invoices'")) {
            assertTrue(rs.next());
            assertEquals("invoices_due_idx,invoices_pkey", rs.getString(1), "each statement applied once, in order");
        }
    }

    @Test
    void applyIsRefusedOnADatabaseNotMarkedStaging() throws Exception {
        Path folder = history();
        String url = database("trace_history_preview", false);
        DatabaseCommandsIT.Run r = DatabaseCommandsIT.run("trace", "--url", url, "--apply", folder.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("trace --apply applies migrations only on a staging database"), r.err());
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "trace_history_preview"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('accounts') IS NULL")) {
            assertTrue(rs.next() && rs.getBoolean(1), "nothing applied");
        }
    }
}
