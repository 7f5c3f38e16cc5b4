package dev.phasewise.analysis.output;

import dev.phasewise.analysis.rules.Severity;

/**
 * Statement results that know how many findings of each severity they hold, so that the report's
 * counts need not read them again: a file's results may be on the disk ({@link StatementSpill}),
 * where one more pass reads and decodes every spilled statement (a sixth of a 10,000-statement
 * JSON report's time, JFR).
 */
interface SeverityTally {
    /** The number of findings of severity {@code s} among the results. */
    int findings(Severity s);
}
