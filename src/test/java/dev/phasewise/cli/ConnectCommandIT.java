package dev.phasewise.cli;

import dev.phasewise.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** connect, mark-staging and profile through the real command line, against embedded PostgreSQL 17. */
class ConnectCommandIT {
    private static EmbeddedPostgres pg;
    private static String url;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        pg = TestPostgres.server(17);
        TestPostgres.freshDatabase(17, "cli_conn");
        url = "postgresql://postgres@localhost:" + pg.getPort() + "/cli_conn";
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void connectThenMarkStagingThenConnectAgain() {
        Run before = run("connect", "--url", url);
        assertEquals(0, before.exit(), before.err());
        assertTrue(before.out().contains("Connected to " + url), before.out());
        assertTrue(before.out().contains("Server:      PostgreSQL 17."), before.out());
        assertTrue(before.out().contains("Database:    cli_conn"), before.out());
        assertTrue(before.out().contains("User:        postgres"), before.out());
        assertTrue(before.out().contains("In recovery: no"), before.out());
        assertTrue(before.out().contains("Staging:     preview only\n"), before.out());
        assertTrue(before.out().contains("phasewise mark-staging --url '" + url + "'"), before.out());

        Run mark = run("mark-staging", "--url", url);
        assertEquals(0, mark.exit(), mark.err());
        assertTrue(mark.out().contains("Ran: ALTER DATABASE \"cli_conn\" SET phasewise.environment = 'staging';"), mark.out());
        assertTrue(mark.out().contains("is now marked as staging"), mark.out());

        Run after = run("connect", "--url", url);
        assertTrue(after.out().contains("Staging:     staging (writable)\n"), after.out());
        Run again = run("mark-staging", "--url", url);
        assertEquals(0, again.exit());
        assertTrue(again.out().contains("already marked"), again.out());
    }

    @Test
    void unreachableServerIsOneLineAndExit2() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = run("connect", "--url", "postgresql://postgres@127.0.0.1:" + closed + "/x");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("phasewise: cannot connect to 127.0.0.1:" + closed + " (database \"x\"): connection refused"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());

        Run bad = run("connect", "--url", "postgresql://h:notaport/db");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("phasewise: invalid connection settings: invalid port number 'notaport'"), bad.err());
    }

    @Test
    void profilesNeverKeepPasswordsAndCanBeUsedToConnect() throws Exception {
        String file = dir.resolve("profiles.yaml").toString();
        String withPassword = "postgresql://postgres:hunter2@localhost:" + pg.getPort() + "/cli_conn";
        Run add = run("profile", "add", "local", "--url", withPassword, "--staging", "--lock-timeout", "2s",
                "--profiles-file", file);
        assertEquals(0, add.exit(), add.err());
        assertTrue(add.err().contains("password in --url was not saved"), add.err());
        assertFalse(Files.readString(Path.of(file)).contains("hunter2"));

        Run list = run("profile", "list", "--profiles-file", file);
        assertTrue(list.out().contains("local (staging)  postgresql://postgres@localhost:" + pg.getPort() + "/cli_conn"
                + "  lock_timeout=2s"), list.out());

        Run connect = run("connect", "--profile", "local", "--profiles-file", file);
        assertEquals(0, connect.exit(), connect.err());
        assertTrue(connect.out().contains("Database:    cli_conn"), connect.out());

        Run missing = run("connect", "--profile", "nope", "--profiles-file", file);
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no profile named \"nope\""), missing.err());

        assertEquals(0, run("profile", "remove", "local", "--profiles-file", file).exit());
        Run removeAgain = run("profile", "remove", "local", "--profiles-file", file);
        assertEquals(2, removeAgain.exit());
        assertTrue(run("profile", "list", "--profiles-file", file).out().startsWith("No profiles"));
    }
}
