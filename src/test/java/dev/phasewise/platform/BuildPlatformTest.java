package dev.phasewise.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a jar says when it starts on a platform whose natives it lacks, without needing that platform. */
class BuildPlatformTest {

    @Test
    void theJvmsNamesForEachSupportedPlatform() {
        assertEquals("linux-x86_64", BuildPlatform.nameOf("Linux", "amd64"));
        assertEquals("linux-aarch64", BuildPlatform.nameOf("Linux", "aarch64"));
        assertEquals("mac-x86_64", BuildPlatform.nameOf("Mac OS X", "x86_64"));
        assertEquals("mac-aarch64", BuildPlatform.nameOf("Mac OS X", "aarch64"));
        assertEquals("windows-x86_64", BuildPlatform.nameOf("Windows 11", "amd64"));
        assertEquals("windows-x86_64", BuildPlatform.nameOf("Windows Server 2022", "amd64"));
        assertFalse(BuildPlatform.SUPPORTED.contains(BuildPlatform.nameOf("FreeBSD", "amd64")));
        assertFalse(BuildPlatform.SUPPORTED.contains(BuildPlatform.nameOf("Linux", "ppc64le")));
    }

    @Test
    void theSamePlatformOrAnUnknownBuildStopsNothing() {
        assertTrue(BuildPlatform.mismatch("the desktop app", "mac-aarch64", "Mac OS X", "aarch64").isEmpty());
        assertTrue(BuildPlatform.mismatch("the desktop app", "linux-x86_64", "Linux", "amd64").isEmpty());
        assertTrue(BuildPlatform.mismatch("the desktop app", null, "Mac OS X", "aarch64").isEmpty());
    }

    @Test
    void anotherPlatformSaysWhatTheJarIsForAndHowToBuildForThisOne() {
        String message = BuildPlatform.mismatch("the desktop app", "linux-x86_64", "Mac OS X", "aarch64").orElseThrow();
        assertTrue(message.contains("built for linux-x86_64"), message);
        assertTrue(message.contains("this machine is mac-aarch64"), message);
        assertTrue(message.contains("the desktop app cannot start here"), message);
        assertTrue(message.contains("mvn -B package -DskipTests\n"), message);
        assertTrue(message.contains("-Dphasewise.platform=mac-aarch64"), message);

        // same OS, other architecture: an Intel jar on Apple silicon is a mismatch too
        String arch = BuildPlatform.mismatch("the sandbox", "mac-x86_64", "Mac OS X", "aarch64").orElseThrow();
        assertTrue(arch.contains("built for mac-x86_64") && arch.contains("-Dphasewise.platform=mac-aarch64"), arch);
    }

    @Test
    void anUnsupportedPlatformIsToldWhichOnesExist() {
        String message = BuildPlatform.mismatch("the sandbox", "linux-x86_64", "FreeBSD", "amd64").orElseThrow();
        assertTrue(message.contains("this machine is FreeBSD amd64, for which Phasewise has no build"), message);
        assertTrue(message.contains(String.join(", ", BuildPlatform.SUPPORTED)), message);
        assertFalse(message.contains("-Dphasewise.platform="), message);
    }

    /** A plain build (no -Dphasewise.platform) is for the machine it ran on. */
    @Test
    void theDefaultBuildIsTheBuildMachinesPlatform() {
        String here = BuildPlatform.nameOf(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertEquals(here, BuildPlatform.builtFor());
        assertTrue(BuildPlatform.mismatch("the desktop app").isEmpty());
    }

    /** Each name the message offers for -Dphasewise.platform has its two profiles in the POM. */
    @Test
    void everySupportedPlatformHasItsProfiles() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        for (String platform : BuildPlatform.SUPPORTED) {
            assertTrue(pom.contains("<id>build-" + platform + "</id>"), platform);
            assertTrue(pom.contains("<id>platform-" + platform + "</id>"), platform);
            assertTrue(pom.contains("<value>" + platform + "</value>"), platform);
        }
    }
}
