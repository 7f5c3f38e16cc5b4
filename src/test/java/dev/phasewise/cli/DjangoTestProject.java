package dev.phasewise.cli;

import dev.phasewise.testing.DjangoProjects;

import java.nio.file.Path;

/** The Django projects of the test resources (blog, and rules for the Django rules) for the command-line tests ({@link DjangoProjects}, shared with the window's). */
final class DjangoTestProject {
    private DjangoTestProject() {
    }

    /** The Python that has Django; skips the test without one, or fails it under -Dphasewise.requireDjango=true. */
    static String python() {
        return DjangoProjects.python();
    }

    /** A fresh copy of src/test/resources/django/blog under {@code dir}, so a test may break it. */
    static Path copyInto(Path dir) throws Exception {
        return DjangoProjects.copyBlogInto(dir);
    }

    /** A fresh copy of the test project src/test/resources/django/{@code name} under {@code dir}. */
    static Path copyInto(Path dir, String name) throws Exception {
        return DjangoProjects.copyInto(dir, name);
    }
}
