package dev.phasewise.django;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a project's settings are: the module its {@code manage.py} sets as the default, as {@code manage.py} itself would. */
public final class SettingsModule {
    private static final Pattern SETDEFAULT = Pattern.compile(
            "os\\.environ\\.setdefault\\(\\s*['\"]DJANGO_SETTINGS_MODULE['\"]\\s*,\\s*['\"]([\\w.]+)['\"]\\s*\\)");

    private SettingsModule() {
    }

    /** The project's {@code manage.py}; its absence is the first thing a user must hear about. */
    public static Path managePy(Path project) throws DjangoProjectException {
        if (!Files.isDirectory(project)) {
            throw new DjangoProjectException("Django project " + project + ": no such directory");
        }
        Path manage = project.resolve("manage.py");
        if (!Files.isRegularFile(manage)) {
            throw new DjangoProjectException("Django project " + project + ": no manage.py in it (give the directory "
                    + "that holds manage.py)");
        }
        return manage;
    }

    /** The settings module: {@code given} when not null, else the one {@code manage.py} sets by default. */
    public static String of(Path project, String given) throws DjangoProjectException {
        Path manage = managePy(project);
        if (given != null) {
            return given;
        }
        String text;
        try {
            text = Files.readString(manage);
        } catch (IOException e) {
            throw new DjangoProjectException("Django project " + project + ": manage.py cannot be read: " + e.getMessage());
        }
        Matcher m = SETDEFAULT.matcher(text);
        if (!m.find()) {
            throw new DjangoProjectException("Django project " + project + ": manage.py does not set "
                    + "DJANGO_SETTINGS_MODULE with os.environ.setdefault(...); give --settings MODULE");
        }
        return m.group(1);
    }
}
