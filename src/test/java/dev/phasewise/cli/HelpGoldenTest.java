package dev.phasewise.cli;

import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every command's {@code --help}, as golden files: the top level and {@code lint} are declared through
 * picocli's programmatic API (for start-up), the others by annotations, and the help must read the
 * same either way; a change to any option shows in the diff.
 */
class HelpGoldenTest {
    @Test
    void everyCommandsHelpIsItsGoldenFile() {
        CommandLine all = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Golden.assertMatches(golden("phasewise"), all.getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (String name : Main.COMMANDS) {
            CommandLine command = all.getSubcommands().get(name);
            Golden.assertMatches(golden(name), command.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
    }

    /** {@code phasewise lint ...} registers lint alone; its help must not depend on that. */
    @Test
    void aCommandRegisteredAloneHasTheSameHelp() {
        StringWriter out = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                new String[] {"lint", "--help"}).execute("lint", "--help");
        assertEquals(0, exit);
        CommandLine all = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(all.getSubcommands().get("lint").getUsageMessage(CommandLine.Help.Ansi.OFF), out.toString());
    }

    private static java.nio.file.Path golden(String command) {
        return Golden.project("src/test/resources/golden/help/" + command + ".txt");
    }
}
