package dev.phasewise.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code phasewise --help} and {@code --version} show a newcomer. */
class HelpTextTest {
    /** The command list shows each command's first description line: it must be a whole sentence. */
    @Test
    void everyCommandsSummaryIsAWholeSentence() {
        CommandLine all = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (Map.Entry<String, CommandLine> e : all.getSubcommands().entrySet()) {
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, e.getKey() + " has no description");
            String summary = description[0].strip();
            assertTrue(summary.endsWith(".") && !summary.endsWith(":."), e.getKey() + "'s summary line stops mid-sentence: "
                    + summary);
        }
    }

    @Test
    void versionIsTheBuildsNotAPlaceholder() {
        StringWriter out = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter())).execute("--version");
        assertEquals(0, exit);
        assertTrue(out.toString().strip().matches("phasewise \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), out.toString());
    }

    /** {@code --version} alone answers without building any subcommand's model (0.6 s with all of them). */
    @Test
    void versionAloneRegistersNoCommandAndSaysTheSame() {
        StringWriter quick = new StringWriter();
        CommandLine versionOnly = Main.commandLine(new PrintWriter(quick, true), new PrintWriter(new StringWriter()),
                new String[] {"--version"});
        assertTrue(versionOnly.getSubcommands().isEmpty());
        assertEquals(0, versionOnly.execute("--version"));
        StringWriter full = new StringWriter();
        Main.commandLine(new PrintWriter(full, true), new PrintWriter(new StringWriter())).execute("--version");
        assertEquals(full.toString(), quick.toString());
        assertEquals(Main.COMMANDS.size(), Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), new String[] {"--version", "lint"}).getSubcommands().size(),
                "with anything else, every command is there to answer it");
    }
}
