package dev.phasewise.cli;

import dev.phasewise.db.Database;
import dev.phasewise.db.ServerInfo;
import dev.phasewise.db.StagingGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code phasewise mark-staging}: stores the staging marker in the database itself. */
@Command(name = "mark-staging", mixinStandardHelpOptions = true,
        description = {"Mark a database as staging, so that Phasewise may run migrations against it.",
                "It runs",
                "  ALTER DATABASE <name> SET phasewise.environment = 'staging'",
                "(needs ownership of the database or superuser). It asks nothing: point it at the right database."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:marked", "2:not reachable, not allowed, a standby, or bad options"})
final class MarkStagingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = connection.open(spec.commandLine().getErr())) {
            ServerInfo before = db.serverInfo();
            if (before.inRecovery()) {
                throw new IllegalArgumentException("\"" + before.database() + "\" on " + db.settings().hostsDisplay()
                        + " is a hot standby: mark the database on the primary instead");
            }
            if (before.markedStaging()) {
                out.println("\"" + before.database() + "\" on " + db.settings().hostsDisplay()
                        + " is already marked as staging; nothing to do.");
                out.flush();
                return Main.OK;
            }
            ServerInfo after = StagingGuard.markStaging(db);
            out.println("Ran: " + StagingGuard.markSql(before.database()));
            out.println("\"" + after.database() + "\" on " + db.settings().hostsDisplay() + " is now marked as staging"
                    + " (phasewise.environment = '" + after.environmentMarker().orElse("") + "' in new sessions).");
            out.flush();
            return Main.OK;
        }
    }
}
