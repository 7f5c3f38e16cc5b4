package dev.phasewise.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard's and the version check's decisions on given server facts (the database-backed cases are in StagingGuardIT). */
class StagingGuardTest {
    private static final ConnectionSettings SETTINGS = ConnectionSettings.parse("postgresql://app@db:5432/shop",
            new PgEnvironment(Map.of(), Path.of("/nonexistent"), "app", PgEnvironment.Os.POSIX));

    private static ServerInfo info(boolean recovery, String marker) {
        return new ServerInfo(170004, "17.4", "shop", "app", recovery, marker);
    }

    @Test
    void aStandbyIsNeverWritable() {
        StagingGuard.Decision d = StagingGuard.decide(info(true, "staging"), SETTINGS, true, "shop");
        assertEquals(StagingGuard.Verdict.READ_ONLY_STANDBY, d.verdict());
        assertTrue(d.reason().contains("hot standby"), d.reason());
    }

    @Test
    void markerOrConfirmedProfile() {
        assertEquals(StagingGuard.Verdict.WRITABLE, StagingGuard.decide(info(false, "staging"), SETTINGS, false, null).verdict());
        assertEquals(StagingGuard.Verdict.PREVIEW_ONLY, StagingGuard.decide(info(false, "production"), SETTINGS, false, null).verdict());
        assertEquals(StagingGuard.Verdict.WRITABLE, StagingGuard.decide(info(false, null), SETTINGS, true, "shop").verdict());
        StagingGuard.Decision unconfirmed = StagingGuard.decide(info(false, null), SETTINGS, true, "Shop");
        assertEquals(StagingGuard.Verdict.PREVIEW_ONLY, unconfirmed.verdict());
        assertTrue(unconfirmed.needsConfirmation());
        assertTrue(unconfirmed.reason().contains("does not match"), unconfirmed.reason());
    }

    @Test
    void refusalExplainsHowToMark() {
        String reason = StagingGuard.decide(info(false, null), SETTINGS, false, null).reason();
        assertTrue(reason.contains("phasewise mark-staging --url 'postgresql://app@db:5432/shop'"), reason);
        assertTrue(reason.contains("ALTER DATABASE \"shop\" SET phasewise.environment = 'staging';"), reason);
    }

    @Test
    void quotesNames() {
        assertEquals("ALTER DATABASE \"we\"\"ird; db\" SET phasewise.environment = 'staging';",
                StagingGuard.markSql("we\"ird; db"));
    }

    @Test
    void serversOlderThan12AreRefused() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.requireSupported(new ServerInfo(110022, "11.22", "shop", "app", false, null), SETTINGS));
        assertEquals(DatabaseException.Problem.SERVER_TOO_OLD, e.problem());
        assertTrue(e.getMessage().contains("db:5432 (database \"shop\") runs PostgreSQL 11.22; Phasewise supports 12 and newer"),
                e.getMessage());
        Database.requireSupported(new ServerInfo(120001, "12.1", "shop", "app", false, null), SETTINGS);
    }
}
