package dev.phasewise.django;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which Python runs a project's Django: the one the user names, else the project's own virtual
 * environment, else the first system Python that can import Django (a {@code python3} on the PATH
 * may be a pyenv or a bare interpreter without it, while the distribution's {@code /usr/bin/python3}
 * has the distribution's Django).
 */
public final class PythonInterpreter {
    static final String INSTALL_HINT = "apt-get install python3-django python3-psycopg2";
    private static final List<String> SYSTEM = List.of("python3", "/usr/bin/python3");

    private PythonInterpreter() {
    }

    public static String find(Path project, String given) throws DjangoProjectException {
        if (given != null) {
            return given;
        }
        for (String venv : List.of(".venv", "venv")) {
            Path python = project.resolve(venv).resolve("bin").resolve("python");
            if (Files.isExecutable(python)) {
                return python.toString();
            }
        }
        List<String> tried = new ArrayList<>();
        for (String python : SYSTEM) {
            tried.add(python);
            if (importsDjango(python)) {
                return python;
            }
        }
        throw new DjangoProjectException("Django project " + project + ": no Python with Django found (tried "
                + String.join(", ", tried) + ", and no .venv or venv in the project): give --python PATH, "
                + "or install Django (" + INSTALL_HINT + ")");
    }

    /** Whether this interpreter exists and can import Django; a missing one is simply not it. */
    public static boolean importsDjango(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import django")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
