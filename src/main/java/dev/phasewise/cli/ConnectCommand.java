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

/** {@code phasewise connect}: can we reach the database, what is it, and may Phasewise write to it? */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Connect and show the server version, database, user, whether it is a standby, "
                + "and whether Phasewise may write to it (the staging guard).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the database is reachable", "2:it is not (the message says why), or bad options"})
final class ConnectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = connection.open(spec.commandLine().getErr())) {
            ServerInfo info = db.serverInfo();
            StagingGuard.Decision decision = StagingGuard.decide(db, connection.profileSaysStaging(), null);
            out.println("Connected to " + db.settings().display());
            out.println("Server:      PostgreSQL " + info.version() + " (" + info.versionNum() + ")");
            out.println("Database:    " + info.database());
            out.println("User:        " + info.user());
            out.println("In recovery: " + (info.inRecovery() ? "yes (hot standby)" : "no"));
            out.println("Staging:     " + decision.verdict().words());
            out.println("  " + decision.reason().replace("\n", "\n  "));
            out.flush();
            return Main.OK;
        }
    }
}
