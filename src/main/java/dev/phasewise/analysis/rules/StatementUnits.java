package dev.phasewise.analysis.rules;

/**
 * Which statements were written to run together, and how a message refers to one of them. A migration
 * file is one unit ("statement 3"). A plan is not: each action of each step runs in its own transaction
 * on purpose (NOT VALID, then VALIDATE, then SET NOT NULL), so advice to merge statements applies only
 * within one action, and the plan's hidden script numbering (with its SET lock_timeout lines) means
 * nothing to its reader.
 */
public interface StatementUnits {

    /** The unit the statement belongs to; statements of different units are never advised to be merged. */
    String unitOf(int statementIndex);

    /** How a message names the statement, e.g. "statement 3". */
    String name(int statementIndex);

    /** A file: one unit, statements named by their index in it. */
    StatementUnits WHOLE_FILE = new StatementUnits() {
        @Override
        public String unitOf(int statementIndex) {
            return "";
        }

        @Override
        public String name(int statementIndex) {
            return "statement " + statementIndex;
        }
    };
}
