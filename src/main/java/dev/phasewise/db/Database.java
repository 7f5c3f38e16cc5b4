package dev.phasewise.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An open database: a small HikariCP pool for ordinary work, plus {@link #newSession()} for the
 * dedicated sessions the tracer and the runner need (a pool would hand back a session that
 * holds someone else's locks). Opening checks that the server answers and is new enough, and reads
 * its {@link ServerInfo}. Every failure comes out as a {@link DatabaseException}.
 */
public final class Database implements AutoCloseable {
    /** The oldest major whose lock behaviour Phasewise knows. */
    public static final int OLDEST_SUPPORTED_MAJOR = 12;
    private static final int POOL_SIZE = 4;

    private static final String SERVER_INFO = """
            SELECT current_setting('server_version_num')::int, current_setting('server_version'),
                   current_database(), current_user, pg_is_in_recovery(),
                   current_setting('phasewise.environment', true)""";

    private final ConnectionSettings settings;
    private final HikariDataSource pool;
    private volatile ServerInfo serverInfo;

    private Database(ConnectionSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Connects; throws {@link DatabaseException} when the server cannot be reached, refuses us or is older than 12. */
    public static Database open(ConnectionSettings settings) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(settings));
        } catch (RuntimeException e) {
            // HikariPool.PoolInitializationException wraps the driver's SQLException: classify that
            throw DatabaseException.of(e, settings);
        }
        Database db = new Database(settings, pool);
        try {
            db.serverInfo = db.withConnection(Database::readServerInfo);
            requireSupported(db.serverInfo, settings);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static HikariConfig config(ConnectionSettings s) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("phasewise " + s.hostsDisplay() + "/" + s.database());
        c.setJdbcUrl(s.jdbcUrl());
        c.setDataSourceProperties(s.jdbcProperties());
        c.setMaximumPoolSize(POOL_SIZE);
        // no idle connections kept open: a CLI command or a test must not hold sessions it no longer uses
        c.setMinimumIdle(0);
        c.setIdleTimeout(10_000);
        c.setMaxLifetime(30 * 60_000);
        // the driver's own connect timeout decides; the pool only waits a little longer than it
        int seconds = s.connectTimeoutSeconds() == 0 ? 60 : s.connectTimeoutSeconds();
        c.setConnectionTimeout(seconds * 1000L + 2000);
        // fail on open with the driver's error, after one attempt
        c.setInitializationFailTimeout(1);
        return c;
    }

    static void requireSupported(ServerInfo info, ConnectionSettings s) {
        if (info.major() < OLDEST_SUPPORTED_MAJOR) {
            throw new DatabaseException(DatabaseException.Problem.SERVER_TOO_OLD, s.hostsDisplay() + " (database \""
                    + s.database() + "\") runs PostgreSQL " + info.version() + "; Phasewise supports 12 and newer",
                    "upgrade the server, or rehearse on a copy restored into PostgreSQL 12+", null);
        }
    }

    private static ServerInfo readServerInfo(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SERVER_INFO)) {
            rs.next();
            return new ServerInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                    rs.getString(6));
        }
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** As read when the database was opened (or last refreshed). */
    public ServerInfo serverInfo() {
        return serverInfo;
    }

    /**
     * Reads the server info again from a brand-new session: database-level settings such as the
     * staging marker are applied when a session starts, so pooled sessions would not see a change.
     */
    public ServerInfo refreshServerInfo() {
        try (Connection c = newSession()) {
            serverInfo = readServerInfo(c);
            return serverInfo;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A pooled connection; close it to give it back. */
    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A dedicated session outside the pool, with the same settings; the caller closes it. */
    public Connection newSession() {
        try {
            return DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcProperties());
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Work on a pooled connection, with any failure turned into a {@link DatabaseException}. */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }

    /** A failure from a statement or connection of this database, in the user's words. */
    public DatabaseException translate(Throwable failure) {
        return DatabaseException.of(failure, settings);
    }

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }
}
