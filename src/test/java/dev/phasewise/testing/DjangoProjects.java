package dev.phasewise.testing;

import dev.phasewise.django.PythonInterpreter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The blog Django project of the test resources, and the rule that a machine without Django skips its
 * tests (unless told not to): shared by the command-line tests and the window's.
 */
public final class DjangoProjects {
    private DjangoProjects() {
    }

    /** The Python that has Django; skips the test without one, or fails it under -Dphasewise.requireDjango=true. */
    public static String python() {
        for (String python : new String[] {"python3", "/usr/bin/python3"}) {
            if (PythonInterpreter.importsDjango(python)) {
                return python;
            }
        }
        String why = "no Python with Django: apt-get install python3-django python3-psycopg2";
        if (Boolean.getBoolean("phasewise.requireDjango")) {
            fail(why + " (phasewise.requireDjango=true: the Django tests must run)");
        }
        return abort(why);
    }

    /** A fresh copy of src/test/resources/django/blog under {@code dir}, so a test may break (or change) it. */
    public static Path copyBlogInto(Path dir) throws Exception {
        return copyInto(dir, "blog");
    }

    /** A fresh copy of the test project src/test/resources/django/{@code name} under {@code dir}. */
    public static Path copyInto(Path dir, String name) throws Exception {
        Path source = Path.of(DjangoProjects.class.getResource("/django/" + name).toURI());
        Path blog = dir.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.filter(p -> !p.toString().contains("__pycache__")).toList()) {
                Path target = blog.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return blog.toAbsolutePath().normalize();
    }
}
