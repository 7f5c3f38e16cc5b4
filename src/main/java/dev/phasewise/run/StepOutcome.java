package dev.phasewise.run;

/**
 * How a backfill step ended: done (every range processed), cancelled (stopped at a batch boundary on
 * request; its checkpoint lets a resume continue), or failed with a message.
 */
public record StepOutcome(Status status, long rows, String sqlState, String message) {
    public enum Status { DONE, CANCELLED, FAILED }

    public static StepOutcome done(long rows) {
        return new StepOutcome(Status.DONE, rows, null, null);
    }

    public static StepOutcome cancelled(long rows) {
        return new StepOutcome(Status.CANCELLED, rows, null, "cancelled");
    }

    public static StepOutcome failed(String sqlState, String message) {
        return new StepOutcome(Status.FAILED, 0, sqlState, message);
    }
}
