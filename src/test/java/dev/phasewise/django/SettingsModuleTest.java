package dev.phasewise.django;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings module as manage.py sets it (no Django needed), and the errors that name the project. */
class SettingsModuleTest {
    @TempDir
    Path project;

    private void managePy(String body) throws Exception {
        Files.writeString(project.resolve("manage.py"), "import os\nimport sys\n\n\ndef main():\n" + body
                + "    from django.core.management import execute_from_command_line\n"
                + "    execute_from_command_line(sys.argv)\n");
    }

    @Test
    void readsTheDefaultThatManagePySets() throws Exception {
        managePy("    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.production')\n");
        assertEquals("mysite.settings.production", SettingsModule.of(project, null));
        managePy("    os.environ.setdefault(\n        \"DJANGO_SETTINGS_MODULE\", \"blog.settings\"\n    )\n");
        assertEquals("blog.settings", SettingsModule.of(project, null));
    }

    @Test
    void givenWinsAndIsNeededWhenManagePyDoesNotSayIt() throws Exception {
        managePy("    os.environ['DJANGO_SETTINGS_MODULE'] = compute()\n");
        assertEquals("blog.settings", SettingsModule.of(project, "blog.settings"));
        DjangoProjectException e = assertThrows(DjangoProjectException.class, () -> SettingsModule.of(project, null));
        assertTrue(e.getMessage().contains(project.toString()) && e.getMessage().contains("--settings"), e.getMessage());
    }

    @Test
    void noManagePyIsNamed() {
        DjangoProjectException e = assertThrows(DjangoProjectException.class, () -> SettingsModule.of(project, "x"));
        assertTrue(e.getMessage().contains(project.toString()) && e.getMessage().contains("no manage.py"), e.getMessage());
        Path missing = project.resolve("nope");
        e = assertThrows(DjangoProjectException.class, () -> SettingsModule.managePy(missing));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
    }
}
