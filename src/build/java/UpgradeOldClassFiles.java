import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the class files of the shaded jar that are older than Java 6's format (version 50) to
 * Java 8's (52), with the stack map frames that format requires, computed by ASM. The build runs it
 * on target/phasewise.jar after the shade plugin (pom.xml, antrun execution "upgrade-old-class-files").
 *
 * <p>Why: picocli 4.7 is compiled for Java 5 (class file version 49), and a JDK 25 AOT cache
 * (JEP 483) cannot hold such classes ("Skipping picocli/...: Old class has been linked" in the
 * training's log): every command then loads picocli's ~230 classes from the jar, verifies them with
 * the old inference verifier and spins their method handles, each start. With them in the cache a
 * one-statement lint took about 140 ms less CPU (350 vs 490 ms; docs/benchmarks.md). The bytecode
 * itself is unchanged: the same instructions, a newer version number and the frames that the JVM's
 * type-checking verifier then checks. So that a wrong frame can never ship, every rewritten class is
 * then loaded, linked and verified from the new jar by the JVM running the build, and any
 * VerifyError or ClassFormatError fails the build.
 *
 * <p>usage: java -cp asm.jar UpgradeOldClassFiles.java JAR
 */
public final class UpgradeOldClassFiles {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgrading");
        List<String> rewritten = new ArrayList<>();
        try (URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
                InputStream file = Files.newInputStream(jar);
                ZipInputStream in = new ZipInputStream(file);
                OutputStream outFile = Files.newOutputStream(upgraded);
                ZipOutputStream out = new ZipOutputStream(outFile)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                String name = e.getName();
                // META-INF/versions/N holds classes for newer JDKs only; they are never old
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && version(bytes) < JAVA_6) {
                    bytes = upgrade(bytes, hierarchy);
                    rewritten.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        verify(upgraded, rewritten);
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("UpgradeOldClassFiles: " + rewritten.size() + " class files of " + jar.getFileName()
                + " rewritten to version 52 with stack map frames, and verified");
    }

    private static int version(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }

    private static byte[] upgrade(byte[] classFile, ClassLoader hierarchy) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            // the common superclass of two types, for a frame, from the jar's own classes
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    /** Loads and links every rewritten class from the new jar: the JVM's verifier checks its frames. */
    private static void verify(Path jar, List<String> classes) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                try {
                    // initialising links, and linking verifies
                    Class.forName(name, true, loader);
                } catch (VerifyError | ClassFormatError e) {
                    throw new IllegalStateException("the rewritten " + name + " does not verify: " + e, e);
                } catch (Throwable e) {
                    // a static initialiser that fails outside the app (not about the class file): linked already
                }
            }
        }
    }
}
