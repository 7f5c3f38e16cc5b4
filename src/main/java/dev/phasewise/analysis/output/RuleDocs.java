package dev.phasewise.analysis.output;

import dev.phasewise.analysis.rules.RuleMeta;

import java.util.List;

/**
 * The documentation page of a rule, rendered from its metadata and its fixtures (what Phasewise
 * prints for the bad example), so that the page cannot drift from the code: a test regenerates
 * it and fails when the committed page differs.
 */
public final class RuleDocs {
    private RuleDocs() {
    }

    public static String page(RuleMeta m, String bad, String badOutput, String good) {
        return "# " + m.id() + " " + m.name() + "\n\n"
                + "**" + m.title() + "** · default severity: " + m.severity().label() + "\n\n"
                + "Silence it for one statement, with a reason: `-- phasewise: ignore " + m.id() + " <why>`\n\n"
                + "## Problem\n\n" + m.why() + "\n\n"
                + "## Solution\n\n" + m.instead() + "\n\n"
                + "### Instead of\n\n```sql\n" + bad.strip() + "\n```\n\n"
                + "Phasewise reports:\n\n```text\n" + badOutput.strip() + "\n```\n\n"
                + "### Use\n\n```sql\n" + good.strip() + "\n```\n\n"
                + "<!-- generated from the rule's metadata and src/test/resources/rules/" + m.id()
                + "/; regenerate with mvn -B verify -Dphasewise.updateGolden=true -->\n";
    }

    public static String index(List<RuleMeta> rules) {
        StringBuilder b = new StringBuilder("# Rules\n\nEvery check Phasewise makes, by id. Each page says why it "
                + "matters, what to do instead, and shows a bad and a good example.\n\n"
                + "| id | name | severity | what it flags |\n|---|---|---|---|\n");
        for (RuleMeta m : rules) {
            b.append("| ").append(m.id()).append(" | [").append(m.name()).append("](").append(m.docFileName())
                    .append(") | ").append(m.severity().label()).append(" | ").append(m.title()).append(" |\n");
        }
        b.append("\n<!-- generated; regenerate with mvn -B verify -Dphasewise.updateGolden=true -->\n");
        return b.toString();
    }
}
