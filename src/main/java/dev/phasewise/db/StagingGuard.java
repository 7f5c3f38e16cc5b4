package dev.phasewise.db;

import dev.phasewise.analysis.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Decides whether Phasewise may write to a database (design §4: only staging is ever written;
 * anything else is a read-only preview). A database is writable when it carries the marker
 * {@code phasewise.environment = 'staging'} as a database-level setting (so every tool and every
 * colleague sees the same answer), or when the user's profile says staging and the user typed the
 * database name to confirm. A hot standby is never writable, whatever it is marked.
 */
public final class StagingGuard {
    public enum Verdict {
        WRITABLE("staging (writable)"),
        READ_ONLY_STANDBY("standby (read-only)"),
        PREVIEW_ONLY("preview only");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        /** What a person reads: "staging (writable)", "standby (read-only)", "preview only". */
        public String words() {
            return words;
        }
    }

    /**
     * @param verdict           what may be done
     * @param reason            one sentence saying why (and, when refused, how to change it)
     * @param needsConfirmation the profile says staging: typing the database name would make it writable
     */
    public record Decision(Verdict verdict, String reason, boolean needsConfirmation) {
        public boolean writable() {
            return verdict == Verdict.WRITABLE;
        }
    }

    private StagingGuard() {
    }

    /** For an open database; {@code typedConfirmation} may be null when nothing was asked. */
    public static Decision decide(Database db, boolean profileSaysStaging, String typedConfirmation) {
        return decide(db.serverInfo(), db.settings(), profileSaysStaging, typedConfirmation);
    }

    public static Decision decide(ServerInfo info, ConnectionSettings settings, boolean profileSaysStaging,
                                  String typedConfirmation) {
        String db = info.database();
        if (info.inRecovery()) {
            return new Decision(Verdict.READ_ONLY_STANDBY, "\"" + db + "\" on " + settings.hostsDisplay()
                    + " is a hot standby (in recovery): it accepts no writes; connect to the primary", false);
        }
        if (info.markedStaging()) {
            return new Decision(Verdict.WRITABLE, "\"" + db + "\" is marked as staging (phasewise.environment = 'staging')",
                    false);
        }
        if (profileSaysStaging) {
            if (db.equals(typedConfirmation)) {
                return new Decision(Verdict.WRITABLE, "the profile says \"" + db + "\" is staging and you confirmed its name",
                        false);
            }
            String why = typedConfirmation == null ? "type the database name \"" + db + "\" to confirm"
                    : "the name typed does not match the database \"" + db + "\"";
            return new Decision(Verdict.PREVIEW_ONLY, "the profile says \"" + db + "\" is staging: " + why
                    + " (or mark it for good: " + markCommand(settings) + ")", true);
        }
        return new Decision(Verdict.PREVIEW_ONLY, "\"" + db + "\" on " + settings.hostsDisplay()
                + " is not marked as staging, so Phasewise only previews (it writes nothing). If this really is a staging"
                + " database, mark it with\n  " + markCommand(settings) + "\nor in SQL\n  " + markSql(db), false);
    }

    /** The CLI command that marks this database. */
    public static String markCommand(ConnectionSettings settings) {
        return "phasewise mark-staging --url '" + settings.withoutPassword().toUri().replace("'", "'\\''") + "'";
    }

    /** {@code ALTER DATABASE "name" SET phasewise.environment = 'staging';} with the name quoted safely. */
    public static String markSql(String database) {
        return "ALTER DATABASE " + Identifiers.quote(database) + " SET " + ServerInfo.ENVIRONMENT_SETTING + " = "
                + Identifiers.literal(ServerInfo.STAGING) + ";";
    }

    /**
     * Marks the database as staging (needs ownership of the database or superuser) and returns the
     * server info read from a new session, because a database-level setting reaches only sessions
     * that start after it; the pool's existing sessions keep the old value, which is why the guard
     * always decides from {@link Database#serverInfo()} as refreshed here.
     */
    public static ServerInfo markStaging(Database db) {
        String database = db.serverInfo().database();
        try (Connection c = db.newSession(); Statement st = c.createStatement()) {
            st.execute(markSql(database));
        } catch (SQLException e) {
            DatabaseException d = db.translate(e);
            if (d.problem() == DatabaseException.Problem.PERMISSION_DENIED) {
                throw new DatabaseException(d.problem(), "user \"" + db.serverInfo().user() + "\" may not mark \"" + database
                        + "\" as staging on " + db.settings().hostsDisplay() + ": only its owner or a superuser can run "
                        + markSql(database), "ask the owner of the database to run it", e);
            }
            throw d;
        }
        return db.refreshServerInfo();
    }
}
