package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;

/**
 * What a {@link BackfillRunner} gets: the database, the run it belongs to (its checkpoints are keyed
 * by the run id), the control to honour (pause, cancel between batches), the plan's timeouts.
 */
public record RunContext(Database database, String runId, Plan plan, RunControl control, RunOptions options) {
}
