package dev.phasewise.db;

import dev.phasewise.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staging marker on a real server: refused until marked, allowed after, and only the owner may mark. */
class StagingGuardIT {
    private static final String WEIRD = "guard \"weird\"; db";
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = TestPostgres.server(17);
        TestPostgres.freshDatabase(17, "guard_it");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"guard \"\"weird\"\"; db\"");
            st.execute("CREATE DATABASE \"guard \"\"weird\"\"; db\"");
            st.execute("DROP DATABASE IF EXISTS guard_not_mine");
            st.execute("CREATE DATABASE guard_not_mine");
            st.execute("DROP ROLE IF EXISTS guard_user");
            st.execute("CREATE ROLE guard_user LOGIN");
        }
    }

    private static ConnectionSettings settings(String user, String database) {
        return ConnectionSettings.resolve(java.util.Map.of("host", "localhost", "port", Integer.toString(pg.getPort()),
                "user", user, "dbname", database),
                new PgEnvironment(java.util.Map.of(), java.nio.file.Path.of("/nonexistent-home"), "nobody", PgEnvironment.Os.POSIX));
    }

    @Test
    void refusedUntilMarkedThenWritable() {
        try (Database db = Database.open(settings("postgres", "guard_it"))) {
            StagingGuard.Decision before = StagingGuard.decide(db, false, null);
            assertEquals(StagingGuard.Verdict.PREVIEW_ONLY, before.verdict());
            assertTrue(before.reason().contains("phasewise mark-staging --url 'postgresql://postgres@localhost:"
                    + pg.getPort() + "/guard_it'"), before.reason());
            assertTrue(before.reason().contains("ALTER DATABASE \"guard_it\" SET phasewise.environment = 'staging'"));
            assertEquals(StagingGuard.Verdict.WRITABLE, StagingGuard.decide(db, true, "guard_it").verdict());

            ServerInfo after = StagingGuard.markStaging(db);
            assertTrue(after.markedStaging());
            assertEquals(StagingGuard.Verdict.WRITABLE, StagingGuard.decide(db, false, null).verdict());
        }
        try (Database again = Database.open(settings("postgres", "guard_it"))) {
            assertTrue(again.serverInfo().markedStaging(), "the marker is stored in the database");
        }
    }

    @Test
    void marksADatabaseWithAnAwkwardName() {
        try (Database db = Database.open(settings("postgres", WEIRD))) {
            assertFalse(db.serverInfo().markedStaging());
            assertTrue(StagingGuard.markStaging(db).markedStaging());
        }
    }

    @Test
    void onlyTheOwnerMayMark() {
        try (Database db = Database.open(settings("guard_user", "guard_not_mine"))) {
            DatabaseException e = assertThrows(DatabaseException.class, () -> StagingGuard.markStaging(db));
            assertEquals(DatabaseException.Problem.PERMISSION_DENIED, e.problem());
            assertTrue(e.getMessage().contains("user \"guard_user\" may not mark \"guard_not_mine\" as staging on localhost:"
                    + pg.getPort() + ": only its owner or a superuser"), e.getMessage());
            assertFalse(db.refreshServerInfo().markedStaging());
        }
    }
}
