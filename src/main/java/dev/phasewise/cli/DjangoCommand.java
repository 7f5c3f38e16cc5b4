package dev.phasewise.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code phasewise django ...}: a Django project as input, through the project's own Django. */
@Command(name = "django", mixinStandardHelpOptions = true,
        description = "Work on a Django project's migrations through the project's own Django (docs/django.md).",
        subcommands = {DjangoLintCommand.class, DjangoMakeSafeCommand.class})
final class DjangoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
