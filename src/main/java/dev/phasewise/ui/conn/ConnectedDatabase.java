package dev.phasewise.ui.conn;

import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.ConnInfo;
import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.db.PgEnvironment;
import dev.phasewise.db.ServerInfo;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.db.catalog.ThroughputProbe;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An open connection of the desktop app: the pool, what the server is, what the staging guard
 * allows, and (once loaded in the background) the catalog schema and the measured throughput that
 * the analysis uses for table sizes and duration estimates. Blocking methods: call them from a task.
 */
public final class ConnectedDatabase implements AutoCloseable {
    private final String label;
    private final Database db;
    private final StagingGuard.Decision decision;
    private volatile SchemaModel schema;
    private volatile Throughput throughput;

    private ConnectedDatabase(String label, Database db, StagingGuard.Decision decision) {
        this.label = label;
        this.db = db;
        this.decision = decision;
    }

    /** Settings from a URL or conninfo, with a password typed in the dialog (kept in memory only). */
    public static ConnectionSettings settings(String url, String password) {
        Map<String, String> keywords = new LinkedHashMap<>(ConnInfo.parse(url));
        if (password != null && !password.isEmpty()) {
            keywords.put("password", password);
        }
        return ConnectionSettings.resolve(keywords, PgEnvironment.system());
    }

    /** Connects and asks the staging guard; blocks. */
    public static ConnectedDatabase open(String label, ConnectionSettings settings, boolean profileSaysStaging,
                                  String typedConfirmation) {
        Database db = Database.open(settings);
        try {
            return new ConnectedDatabase(label, db, StagingGuard.decide(db, profileSaysStaging, typedConfirmation));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Reads the catalog and measures throughput (a few ms of sequential work on a temp table); blocks. */
    public void loadCatalog() throws SQLException {
        try (Connection c = db.newSession()) {
            schema = CatalogSchema.read(c);
            if (!db.serverInfo().inRecovery()) {
                throughput = new ThroughputProbe().measure(c, decision.writable());
            }
        }
    }

    public String label() {
        return label;
    }

    public Database database() {
        return db;
    }

    public ServerInfo server() {
        return db.serverInfo();
    }

    public StagingGuard.Decision decision() {
        return decision;
    }

    public boolean staging() {
        return decision.writable();
    }

    public SchemaModel schema() {
        return schema;
    }

    public Throughput throughput() {
        return throughput;
    }

    public PgVersion version() {
        return new PgVersion(Math.max(PgVersion.OLDEST, Math.min(PgVersion.NEWEST, server().major())));
    }

    /** "app_copy@pg17 · staging" for the status bar. */
    public String describe() {
        ServerInfo s = server();
        return s.database() + "@" + db.settings().hostsDisplay() + " · PostgreSQL " + s.version() + " · "
                + decision.verdict().words();
    }

    @Override
    public void close() {
        db.close();
    }
}
