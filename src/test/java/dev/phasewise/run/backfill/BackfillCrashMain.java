package dev.phasewise.run.backfill;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A backfill in its own JVM, for the crash test: {@code URL TABLE SET WHERE|- BATCH_ROWS SLEEP_MS JOB_ID}; a SET
 * of {@code DELETE} makes it a batched delete.
 * Prints "progress ROWS" lines and "outcome STATE ROWS" at the end; the test kills it with SIGKILL.
 */
public final class BackfillCrashMain {
    private BackfillCrashMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BackfillJob.Builder b = args[2].equals("DELETE") ? BackfillJob.deleting(args[1])
                : BackfillJob.builder(args[1], args[2]);
        BackfillJob job = b.where(args[3].equals("-") ? null : args[3])
                .batchRows(Integer.parseInt(args[4])).sleepMs(Integer.parseInt(args[5])).jobId(args[6]).build();
        try (Database db = Database.open(ConnectionSettings.parse(args[0]))) {
            BackfillOutcome o = new BackfillExecutor(db).execute(job, new BackfillControl(),
                    BackfillListener.of(p -> out.println("progress " + p.rowsDone())));
            out.println("outcome " + o.state() + " " + o.rowsUpdated());
            System.exit(o.done() ? 0 : 1);
        }
    }
}
