package dev.phasewise.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesTest {
    @TempDir
    Path dir;

    @Test
    void roundTrip() throws Exception {
        Profiles profiles = new Profiles(dir.resolve("sub/profiles.yaml"));
        assertEquals(List.of(), profiles.list());
        Profile staging = new Profile("staging", "postgresql://app@stage:5432/shop", true, "2s", "30s");
        Profile prod = new Profile("prod", "host=prod dbname=shop", false);
        profiles.put(staging);
        profiles.put(prod);
        assertEquals(List.of(staging, prod), new Profiles(profiles.file()).list());
        assertEquals(staging, profiles.get("staging").orElseThrow());

        Profile replaced = new Profile("staging", "postgresql://app@stage2/shop", true);
        profiles.put(replaced);
        assertEquals(List.of(replaced, prod), profiles.list());
        assertTrue(profiles.remove("staging"));
        assertFalse(profiles.remove("staging"));
        assertEquals(List.of(prod), profiles.list());
        String yaml = Files.readString(profiles.file());
        assertTrue(yaml.startsWith("profiles:"), yaml);
    }

    @Test
    void aPasswordIsNeverWritten() throws Exception {
        Profiles profiles = new Profiles(dir.resolve("profiles.yaml"));
        profiles.put(new Profile("ok", "postgresql://app@h/db", false));
        String before = Files.readString(profiles.file());
        for (String url : List.of("postgresql://app:hunter2@h/db", "host=h password=hunter2", "postgresql://h/db?password=hunter2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> profiles.put(new Profile("bad", url, true)));
            assertTrue(e.getMessage().contains("never saves passwords"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"));
        }
        assertEquals(before, Files.readString(profiles.file()));
    }

    @Test
    void malformedFileNamesFileAndLine() throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, "profiles:\n  - name: a\n    url: postgresql://h/db\n    stagin: true\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Profiles(file).list());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());

        Files.writeString(file, "profiles:\n  - name: [unclosed\n");
        e = assertThrows(IllegalArgumentException.class, () -> new Profiles(file).list());
        assertTrue(e.getMessage().contains(file + " line "), e.getMessage());
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFile() throws Exception {
        Profiles profiles = new Profiles(dir.resolve("profiles.yaml"));
        for (int i = 0; i < 5; i++) {
            profiles.put(new Profile("p" + i, "postgresql://h/db" + i, false));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("profiles.yaml")), files.toList());
        }
        assertEquals(5, profiles.list().size());
    }

    @Test
    void defaultLocationFollowsThePlatform() {
        PgEnvironment env = new PgEnvironment(Map.of("XDG_CONFIG_HOME", dir.toString()), dir, "a", PgEnvironment.Os.POSIX);
        assertEquals(dir.resolve("phasewise/profiles.yaml"), Profiles.of(env).file());
    }
}
