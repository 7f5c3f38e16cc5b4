package dev.phasewise.run;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.db.PgEnvironment;

import java.nio.file.Path;
import java.util.Map;

/** A runner in its own JVM, for the test that kills it: args port, database, plan file. */
public final class RunnerCrashChild {
    private RunnerCrashChild() {
    }

    public static void main(String[] args) {
        ConnectionSettings s = ConnectionSettings.resolve(Map.of("host", "localhost", "port", args[0], "user", "postgres",
                "dbname", args[1]), new PgEnvironment(Map.of(), Path.of("/nonexistent-home"), "nobody",
                PgEnvironment.Os.POSIX));
        try (Database db = Database.open(s)) {
            new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("child"), new SingleStatementBackfill(),
                    e -> { }).start(Path.of(args[2]), new RunControl());
        }
    }
}
