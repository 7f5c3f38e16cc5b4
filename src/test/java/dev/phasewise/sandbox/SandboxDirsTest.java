package dev.phasewise.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SandboxDirsTest {
    @Test
    void followsEachPlatformsConvention() {
        assertEquals(Path.of("/home/u/.local/share/phasewise/sandbox"),
                SandboxDirs.defaultSandboxDir(Map.of(), "Linux", "/home/u"));
        assertEquals(Path.of("/xdg/phasewise/sandbox"),
                SandboxDirs.defaultSandboxDir(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/phasewise/sandbox"),
                SandboxDirs.defaultSandboxDir(Map.of("XDG_DATA_HOME", "relative"), "Linux", "/home/u"),
                "a relative XDG_DATA_HOME is ignored");
        assertEquals(Path.of("/Users/u/Library/Application Support/Phasewise/sandbox"),
                SandboxDirs.defaultSandboxDir(Map.of(), "Mac OS X", "/Users/u"));
        assertEquals(Path.of("/appdata/local").resolve("Phasewise").resolve("sandbox"),
                SandboxDirs.defaultSandboxDir(Map.of("LOCALAPPDATA", "/appdata/local"), "Windows 11", "/home/u"));
        assertEquals(Path.of("/tmp/pw/sandbox"),
                SandboxDirs.defaultSandboxDir(Map.of("PHASEWISE_DATA_DIR", "/tmp/pw", "XDG_DATA_HOME", "/xdg"),
                        "Linux", "/home/u"));
    }
}
