package dev.phasewise.testing;

import dev.phasewise.django.PythonInterpreter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /**
     * Runs {@code python manage.py ARGS} in the blog-like project, its settings pointed at {@code database}
     * on the embedded PostgreSQL 17 (BLOG_DB_* variables); fails the test on a non-zero exit, with the output.
     */
    public static String manage(String python, Path project, String database, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, "manage.py"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().put("BLOG_DB_NAME", database);
        pb.environment().put("BLOG_DB_USER", "postgres");
        pb.environment().put("BLOG_DB_PASSWORD", "postgres");
        pb.environment().put("BLOG_DB_PORT", Integer.toString(TestPostgres.server(17).getPort()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", args) + " did not end");
        assertEquals(0, p.exitValue(), String.join(" ", args) + " in " + project + ":\n" + out);
        return out;
    }
}
