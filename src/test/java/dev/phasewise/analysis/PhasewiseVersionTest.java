package dev.phasewise.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the version comes from: the jar's manifest, else the filtered properties file. */
class PhasewiseVersionTest {
    private static final String CLASS_FILE = "dev/phasewise/analysis/PhasewiseVersion.class";

    @TempDir
    Path tmp;

    /** The class loaded from a jar whose manifest and properties file disagree: the manifest wins. */
    @Test
    void fromAJarTheManifestsImplementationVersion() throws Exception {
        Path jar = jar("9.8.7-manifest", "0.0.1-properties");
        assertEquals("9.8.7-manifest", versionFrom(jar));
    }

    /** No Implementation-Version (classes run outside the jar): the properties file. */
    @Test
    void withoutOneThePropertiesFile() throws Exception {
        Path jar = jar(null, "0.0.1-properties");
        assertEquals("0.0.1-properties", versionFrom(jar));
    }

    /** Run from target/classes, as the tests are: the POM's version through the properties file. */
    @Test
    void fromClassesThePomsVersion() throws Exception {
        var m = java.util.regex.Pattern.compile("<artifactId>phasewise</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertEquals(true, m.find());
        assertEquals(m.group(1), PhasewiseVersion.get());
    }

    private Path jar(String implementationVersion, String propertiesVersion) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (implementationVersion != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
        }
        Path jar = tmp.resolve("pw.jar");
        byte[] classBytes;
        try (var in = PhasewiseVersion.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
            classBytes = in.readAllBytes();
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(CLASS_FILE));
            out.write(classBytes);
            out.closeEntry();
            out.putNextEntry(new JarEntry("dev/phasewise/version.properties"));
            out.write(("version=" + propertiesVersion + "\n").getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
        return jar;
    }

    /** PhasewiseVersion.get() of the copy in the jar, loaded apart from the test's own classes. */
    private static String versionFrom(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> c = loader.loadClass("dev.phasewise.analysis.PhasewiseVersion");
            return (String) c.getMethod("get").invoke(null);
        }
    }
}
