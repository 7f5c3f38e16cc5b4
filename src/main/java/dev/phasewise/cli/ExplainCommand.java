package dev.phasewise.cli;

import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.db.explain.ExplainJson;
import dev.phasewise.db.explain.ExplainResult;
import dev.phasewise.db.explain.ExplainText;
import dev.phasewise.db.explain.ExplainWarning;
import dev.phasewise.db.explain.ExplainWarnings;
import dev.phasewise.db.explain.Explainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code phasewise explain --url URL [--analyze] [--format text|json] (--sql SQL | FILE)}. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "EXPLAIN one statement on a database, with the warnings that matter to a migration. "
                + "--analyze runs it inside a transaction that is always rolled back.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained (or the statement has no plan, e.g. DDL)", "2:usage, input or database error"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "jdbc:postgresql://... or postgresql://user[:password]@host[:port]/db")
    String url;

    @Option(names = "--analyze", description = "Run the statement (in a rolled-back transaction) for actual rows and times")
    boolean analyze;

    @Option(names = "--statement-timeout", defaultValue = "30s", paramLabel = "T",
            description = "statement_timeout of an analysed run (default: ${DEFAULT-VALUE})")
    String statementTimeout;

    @Option(names = "--param", paramLabel = "VALUE",
            description = "Sample value for $1, $2, ... in order; repeatable. Without them PostgreSQL 16+ explains a generic plan")
    List<String> params = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--sql", paramLabel = "SQL", description = "The statement")
        String sql;

        @Parameters(paramLabel = "FILE", description = "A file holding the statement")
        Path file;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, not " + format);
        }
        String sql = source.sql;
        if (sql == null) {
            SourceFiles.Loaded loaded = SourceFiles.read(source.file);
            if (loaded.text() == null) {
                throw new IllegalArgumentException(source.file + " " + loaded.problem());
            }
            sql = loaded.text();
        }
        ExplainResult result;
        try (Connection c = open(url)) {
            Explainer.Options options = new Explainer.Options(analyze, statementTimeout, params);
            result = new Explainer(c).explain(sql, options);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<ExplainWarning> warnings = ExplainWarnings.of(result);
        out.print(format.equals("json") ? ExplainJson.write(result, warnings) : ExplainText.render(result, warnings, true));
        out.flush();
        return Main.OK;
    }

    /**
     * Opens the connection: a JDBC URL as it is, a libpq {@code postgresql://} URI converted.
     * The one place to swap for the shared connection options.
     */
    static Connection open(String url) throws SQLException {
        if (url.startsWith("jdbc:")) {
            return DriverManager.getConnection(url);
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException("--url must be a jdbc:postgresql:// URL or a postgresql:// URI");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a valid URI: " + e.getMessage());
        }
        Properties props = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath().substring(1);
        String jdbc = "jdbc:postgresql://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/" + db
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return DriverManager.getConnection(jdbc, props);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
