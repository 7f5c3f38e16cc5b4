package dev.phasewise.convert;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One table's locks before a conversion (as the original migration takes them) and after (as the
 * converted plan's steps take them), in the order they are taken.
 *
 * @param rows the table's row count from the catalog, or -1 when no catalog sized it
 */
public record TableLocks(String table, long rows, List<LockHold> before, List<LockHold> after) {
    public TableLocks {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** The hold the application suffers most from before the conversion. */
    public Optional<LockHold> worstBefore() {
        return worst(before);
    }

    /** The hold the application suffers most from in the plan. */
    public Optional<LockHold> worstAfter() {
        return worst(after);
    }

    private static Optional<LockHold> worst(List<LockHold> holds) {
        return holds.stream().max(Comparator.comparingDouble(LockHold::harm));
    }
}
