package dev.phasewise.convert;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.sql.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of an ALTER TABLE cut into its head ({@code ALTER TABLE [IF EXISTS] [ONLY] name}) and
 * one text per sub-command, so that a rewrite can replace one sub-command and keep the others
 * exactly as written.
 */
record AlterParts(String head, List<String> actions) {

    /** The parts, or null when the text does not line up with the parsed sub-commands. */
    static AlterParts of(Unit unit, Command.AlterTable alter) {
        List<Token> t = unit.tokens();
        int i = 2; // ALTER TABLE
        if (i + 1 < t.size() && t.get(i).isWord("if") && t.get(i + 1).isWord("exists")) {
            i += 2;
        }
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        if (i >= t.size() || !t.get(i).isIdentifier()) {
            return null;
        }
        i++;
        while (i + 1 < t.size() && t.get(i).isSymbol(".") && t.get(i + 1).isIdentifier()) {
            i += 2;
        }
        if (i < t.size() && t.get(i).isSymbol("*")) {
            i++;
        }
        if (i >= t.size()) {
            return null;
        }
        String head = unit.text(0, i - 1);
        List<String> actions = new ArrayList<>();
        for (int[] item : CommaList.items(t, i, t.size())) {
            if (item[1] < item[0]) {
                return null; // an empty sub-command: not what the parser read
            }
            actions.add(unit.text(item[0], item[1]));
        }
        return actions.size() == alter.actions().size() ? new AlterParts(head, actions) : null;
    }

    /** One ALTER TABLE statement of the given sub-command texts. */
    String statement(List<String> parts) {
        return head + " " + String.join(", ", parts);
    }
}
