package dev.phasewise.cli;

import dev.phasewise.testing.DjangoProjects;

import java.nio.file.Path;

/** The blog Django project of the test resources for the command-line tests ({@link DjangoProjects}, shared with the window's). */
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
}
