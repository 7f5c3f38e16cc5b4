package dev.phasewise.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A database failure put in the user's words: one {@link Problem} per thing that can go wrong,
 * one specific message naming the server and database, and a hint when there is an obvious next
 * step. Meant to be printed as it is, without a stack trace; the original exception stays the cause
 * for whoever wants to debug.
 */
public final class DatabaseException extends RuntimeException {
    public enum Problem {
        UNKNOWN_HOST, HOST_UNREACHABLE, CONNECTION_REFUSED, TIMEOUT, PASSWORD_MISSING, WRONG_PASSWORD, NO_SUCH_ROLE,
        NO_SUCH_DATABASE, ACCESS_REJECTED, SSL_REQUIRED, SSL_NOT_SUPPORTED, SERVER_TOO_OLD, CONNECTION_LOST,
        PERMISSION_DENIED, OTHER
    }

    private final Problem problem;
    private final String hint;

    public DatabaseException(Problem problem, String message, String hint, Throwable cause) {
        super(hint == null ? message : message + " — " + hint, cause);
        this.problem = problem;
        this.hint = hint;
    }

    public Problem problem() {
        return problem;
    }

    /** The suggested next step, or null. Already part of {@link #getMessage()}. */
    public String hint() {
        return hint;
    }

    /**
     * Classifies a failure from connecting or from a statement on {@code settings}' server: the
     * network cause first (pgjdbc wraps it), then the SQLState, then the server's wording where
     * the SQLState is shared (28000 covers both a missing role and pg_hba.conf).
     */
    public static DatabaseException of(Throwable failure, ConnectionSettings settings) {
        if (failure instanceof DatabaseException d) {
            return d;
        }
        String where = settings.hostsDisplay() + " (database \"" + settings.database() + "\")";
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new DatabaseException(Problem.UNKNOWN_HOST, "cannot connect to " + where + ": unknown host "
                        + hostNames(settings), "check the host name (PGHOST) and your DNS", failure);
            }
            if (t instanceof NoRouteToHostException
                    || t instanceof ConnectException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("unreachable")) {
                return new DatabaseException(Problem.HOST_UNREACHABLE, "cannot connect to " + where
                        + ": host unreachable (no route to host)", "check the network, VPN or firewall", failure);
            }
            if (t instanceof ConnectException) {
                return new DatabaseException(Problem.CONNECTION_REFUSED, "cannot connect to " + where
                        + ": connection refused, nothing is listening there", "start the server or check the port", failure);
            }
            if (t instanceof SocketTimeoutException) {
                return new DatabaseException(Problem.TIMEOUT, "cannot connect to " + where + ": no answer within "
                        + settings.connectTimeoutSeconds() + " s",
                        "check the host, port and firewall, or raise connect_timeout", failure);
            }
            if (sql == null && t instanceof SQLException s && s.getSQLState() != null) {
                sql = s;
            }
        }
        if (sql == null) {
            String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return new DatabaseException(Problem.OTHER, "database error on " + where + ": " + detail, null, failure);
        }
        return fromSqlState(sql, failure, settings, where);
    }

    private static DatabaseException fromSqlState(SQLException sql, Throwable failure, ConnectionSettings s, String where) {
        String state = sql.getSQLState();
        String text = serverMessage(sql);
        String lower = text.toLowerCase(Locale.ROOT);
        if (state.equals("28P01")) {
            return new DatabaseException(Problem.WRONG_PASSWORD, "password authentication failed for user \"" + s.user()
                    + "\" on " + where, "check the password in the URL, PGPASSWORD or ~/.pgpass", failure);
        }
        if (lower.contains("no password was provided")) {
            // pgjdbc's own check (SQLState 08004) before it even answers the server's challenge
            return new DatabaseException(Problem.PASSWORD_MISSING, where + " asks a password for user \"" + s.user()
                    + "\", and none was given", "set PGPASSWORD, add a line to ~/.pgpass, or put it in the URL", failure);
        }
        if (state.equals("28000") && lower.contains("role") && lower.contains("does not exist")) {
            return new DatabaseException(Problem.NO_SUCH_ROLE, "role \"" + s.user() + "\" does not exist on " + where,
                    "check the user name (in the URL or PGUSER)", failure);
        }
        if (state.equals("28000") && lower.contains("no encryption")) {
            return new DatabaseException(Problem.SSL_REQUIRED, where + " accepts user \"" + s.user()
                    + "\" only over SSL (pg_hba.conf has no entry for an unencrypted connection)",
                    "use sslmode=require (or verify-full)", failure);
        }
        if (state.equals("28000") || state.startsWith("28")) {
            return new DatabaseException(Problem.ACCESS_REJECTED, where + " rejected user \"" + s.user() + "\": " + text,
                    "ask the administrator to allow this host, user and database in pg_hba.conf", failure);
        }
        if (state.equals("3D000")) {
            return new DatabaseException(Problem.NO_SUCH_DATABASE, "database \"" + s.database() + "\" does not exist on "
                    + s.hostsDisplay(), "check the database name (in the URL or PGDATABASE)", failure);
        }
        if (lower.contains("does not support ssl")) {
            return new DatabaseException(Problem.SSL_NOT_SUPPORTED, where + " does not support SSL, but sslmode="
                    + s.sslMode().keyword() + " requires it", "use sslmode=prefer, or enable ssl on the server", failure);
        }
        if (state.equals("57P01") || state.equals("57P02") || state.equals("08006") || state.equals("08003")
                || state.equals("08007")) {
            return new DatabaseException(Problem.CONNECTION_LOST, "connection to " + where
                    + " lost: the server closed it (terminated by an administrator, shut down or restarting)",
                    "check that the server is up and reconnect", failure);
        }
        if (state.startsWith("08") && lower.contains("timed out")) {
            // pgjdbc's loginTimeout: the TCP connect worked, the login did not finish in time
            return new DatabaseException(Problem.TIMEOUT, "cannot connect to " + where + ": no answer within "
                    + s.connectTimeoutSeconds() + " s", "check that a PostgreSQL server (and not something else) listens"
                    + " there, or raise connect_timeout", failure);
        }
        if (state.equals("57P03")) {
            return new DatabaseException(Problem.OTHER, where + " is not accepting connections yet: " + text,
                    "wait for it to finish starting up or recovering", failure);
        }
        if (state.startsWith("08")) {
            return new DatabaseException(Problem.OTHER, "cannot connect to " + where + ": " + text, null, failure);
        }
        if (state.equals("42501")) {
            return new DatabaseException(Problem.PERMISSION_DENIED, "permission denied for user \"" + s.user() + "\" on "
                    + where + ": " + text, null, failure);
        }
        return new DatabaseException(Problem.OTHER, text + " (on " + where + ", SQLSTATE " + state + ")", null, failure);
    }

    /** The server's primary message without pgjdbc's "ERROR: " / "FATAL: " prefix. */
    private static String serverMessage(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.replaceFirst("^(ERROR|FATAL|PANIC|FEHLER):\\s*", "").strip();
    }

    private static String hostNames(ConnectionSettings s) {
        return String.join(", ", s.hosts().stream().map(HostPort::host).distinct().toList());
    }
}
