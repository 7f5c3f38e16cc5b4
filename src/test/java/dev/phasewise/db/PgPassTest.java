package dev.phasewise.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgPassTest {
    @TempDir
    Path home;

    @Test
    void firstMatchWinsAndWildcards() {
        PgPass p = PgPass.parse(List.of(
                "# comment",
                "db1:5432:shop:bob:first",
                "*:5432:shop:bob:second",
                "*:*:*:bob:third",
                "*:*:*:*:fallback"));
        assertEquals(Optional.of("first"), p.find("db1", 5432, "shop", "bob"));
        assertEquals(Optional.of("second"), p.find("db2", 5432, "shop", "bob"));
        assertEquals(Optional.of("third"), p.find("db2", 5433, "other", "bob"));
        assertEquals(Optional.of("fallback"), p.find("db2", 5433, "other", "carol"));
    }

    @Test
    void escapes() {
        PgPass p = PgPass.parse(List.of(
                "h\\:x:5432:d:u:pa\\:ss\\\\word",
                "\\*:5432:d:u:literal-star",
                "short:line"));
        assertEquals(Optional.of("pa:ss\\word"), p.find("h:x", 5432, "d", "u"));
        assertEquals(Optional.empty(), p.find("other", 5432, "d", "u"), "an escaped * is a literal star");
        assertEquals(Optional.of("literal-star"), p.find("*", 5432, "d", "u"));
    }

    @Test
    void localhostMatchesTheSocketDefault() {
        PgPass p = PgPass.parse(List.of("localhost:5432:*:*:local"));
        assertEquals(Optional.of("local"), p.find("/var/run/postgresql", 5432, "d", "u"));
        assertEquals(Optional.of("local"), p.find("localhost", 5432, "d", "u"));
        assertEquals(Optional.empty(), p.find("127.0.0.1", 5432, "d", "u"));
    }

    @Test
    void usedWhenNoOtherPasswordAndIgnoredWhenWorldReadable() throws Exception {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, "dbhost:5432:app:bob:from-file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        PgEnvironment env = new PgEnvironment(Map.of(), home, "bob", PgEnvironment.Os.POSIX);
        assertEquals("from-file", ConnectionSettings.parse("postgresql://dbhost/app", env).password().orElseThrow());

        PgEnvironment withPassword = new PgEnvironment(Map.of("PGPASSWORD", "env"), home, "bob", PgEnvironment.Os.POSIX);
        assertEquals("env", ConnectionSettings.parse("postgresql://dbhost/app", withPassword).password().orElseThrow(),
                "PGPASSWORD comes before the file");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ConnectionSettings open = ConnectionSettings.parse("postgresql://dbhost/app", env);
        assertTrue(open.password().isEmpty());
        assertEquals(1, open.warnings().size());
        assertTrue(open.warnings().get(0).contains("has group or world access"), open.warnings().get(0));
    }

    @Test
    void pgpassfileOverridesTheLocation() throws Exception {
        Path file = home.resolve("elsewhere.conf");
        Files.writeString(file, "*:*:*:*:elsewhere\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        PgEnvironment env = new PgEnvironment(Map.of("PGPASSFILE", file.toString()), home, "bob", PgEnvironment.Os.POSIX);
        assertEquals("elsewhere", ConnectionSettings.fromEnvironment(env).password().orElseThrow());
        List<String> warnings = new ArrayList<>();
        assertEquals(Optional.empty(), PgPass.read(home.resolve("missing"), warnings::add).find("h", 1, "d", "u"));
        assertTrue(warnings.isEmpty());
    }
}
