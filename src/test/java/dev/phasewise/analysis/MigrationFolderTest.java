package dev.phasewise.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each migration tool's folder, in the order that tool runs it. */
class MigrationFolderTest {
    @TempDir
    Path dir;

    private void files(String... names) throws Exception {
        for (String n : names) {
            Path p = dir.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "SELECT 1;\n");
        }
    }

    private List<String> order() throws Exception {
        return MigrationFolder.read(dir).migrations().stream()
                .map(m -> dir.relativize(m.file()).toString().replace('\\', '/')).toList();
    }

    @Test
    void flywayComparesVersionsAsNumbersAndRunsRepeatablesLast() throws Exception {
        files("V10__ten.sql", "V2__two.sql", "V1__one.sql", "V1.1__one_one.sql", "V1_2__one_two.sql", "R__b.sql",
                "R__a.sql", "U2__undo.sql", "notes.txt");
        assertEquals(MigrationFolder.Style.FLYWAY, MigrationFolder.read(dir).style());
        assertEquals(List.of("V1__one.sql", "V1.1__one_one.sql", "V1_2__one_two.sql", "V2__two.sql", "V10__ten.sql",
                "R__a.sql", "R__b.sql"), order());
    }

    @Test
    void golangMigrateRunsTheUpFilesByVersion() throws Exception {
        files("10_c.up.sql", "10_c.down.sql", "2_b.up.sql", "2_b.down.sql", "1_a.up.sql");
        assertEquals(MigrationFolder.Style.GOLANG_MIGRATE, MigrationFolder.read(dir).style());
        assertEquals(List.of("1_a.up.sql", "2_b.up.sql", "10_c.up.sql"), order());
    }

    @Test
    void dbmateKeepsOnlyTheUpSectionOnItsOwnLines() throws Exception {
        Files.writeString(dir.resolve("20240102_b.sql"), "-- migrate:up\nCREATE INDEX i ON t (c);\n\n"
                + "-- migrate:down\nDROP INDEX i;\n");
        Files.writeString(dir.resolve("20240101_a.sql"), "-- migrate:up\nCREATE TABLE t (c int);\n-- migrate:down\n"
                + "DROP TABLE t;\n");
        MigrationFolder.Ordered o = MigrationFolder.read(dir);
        assertEquals(MigrationFolder.Style.DBMATE, o.style());
        assertEquals(List.of("20240101_a.sql", "20240102_b.sql"), order());
        String b = o.migrations().get(1).text();
        assertEquals("CREATE INDEX i ON t (c);", b.split("\n")[1], "the up statement stays on line 2");
        assertTrue(!b.contains("DROP INDEX"), b);
    }

    @Test
    void sqitchFollowsItsPlanAndNamesAMissingDeployScript() throws Exception {
        files("deploy/users.sql", "deploy/posts.sql", "deploy/extra.sql");
        Files.writeString(dir.resolve("sqitch.plan"), "%syntax-version=1.0.0\n%project=blog\n\n"
                + "users 2024-01-01T00:00:00Z A <a@example.com> # users\n"
                + "posts [users] 2024-01-02T00:00:00Z A <a@example.com> # posts\n"
                + "@v1.0 2024-01-03T00:00:00Z A <a@example.com> # tag\n"
                + "gone 2024-01-04T00:00:00Z A <a@example.com>\n");
        MigrationFolder.Ordered o = MigrationFolder.read(dir);
        assertEquals(MigrationFolder.Style.SQITCH, o.style());
        assertEquals(List.of("deploy/users.sql", "deploy/posts.sql"), order());
        assertEquals(1, o.problems().size());
        assertTrue(o.problems().get(0).contains("deploy/gone.sql"), o.problems().toString());
    }

    @Test
    void plainFilesRunByTheirLeadingNumber() throws Exception {
        files("10_late.sql", "2_early.sql", "0001_first.sql");
        assertEquals(MigrationFolder.Style.NUMBERED, MigrationFolder.read(dir).style());
        assertEquals(List.of("0001_first.sql", "2_early.sql", "10_late.sql"), order());
    }

    @Test
    void prismaRunsEachDirectorysMigrationByItsTimestamp() throws Exception {
        files("20240301090000_add_index/migration.sql", "20240101120000_init/migration.sql",
                "20240215000000_add_column/migration.sql", "migration_lock.toml", "notes/README.md");
        assertEquals(MigrationFolder.Style.PRISMA, MigrationFolder.read(dir).style());
        assertEquals(List.of("20240101120000_init/migration.sql", "20240215000000_add_column/migration.sql",
                "20240301090000_add_index/migration.sql"), order());
    }

    @Test
    void dieselAndSourcegraphRunEachDirectorysUpScriptByItsVersion() throws Exception {
        files("2024-02-01-000000_posts/up.sql", "2024-02-01-000000_posts/down.sql",
                "00000000000000_diesel_initial_setup/up.sql", "00000000000000_diesel_initial_setup/down.sql",
                "2024-01-15-101500_users/up.sql", "2024-01-15-101500_users/down.sql");
        assertEquals(MigrationFolder.Style.DIESEL, MigrationFolder.read(dir).style());
        assertEquals(List.of("00000000000000_diesel_initial_setup/up.sql", "2024-01-15-101500_users/up.sql",
                "2024-02-01-000000_posts/up.sql"), order());
    }

    @Test
    void sourcegraphStyleNumericDirectoriesCompareAsNumbers() throws Exception {
        files("1000000010/up.sql", "1000000010/down.sql", "999999999/up.sql", "1000000002/up.sql");
        assertEquals(MigrationFolder.Style.DIESEL, MigrationFolder.read(dir).style());
        assertEquals(List.of("999999999/up.sql", "1000000002/up.sql", "1000000010/up.sql"), order());
    }
}
