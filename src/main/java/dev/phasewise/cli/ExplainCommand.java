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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import dev.phasewise.db.Database;
import dev.phasewise.db.StagingGuard;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code phasewise explain --url URL [--analyze] [--format text|json] (--sql SQL | FILE)}. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "EXPLAIN one statement on a database, with the warnings that matter to a migration. "
                + "--analyze runs it inside a transaction that is always rolled back, on a staging database only.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained (or the statement has no plan, e.g. DDL)", "2:usage, input or database error"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--analyze", description = "Run the statement (in a rolled-back transaction) for actual rows and "
            + "times; staging databases only: the run holds its row locks, fires triggers and advances sequences")
    boolean analyze;

    @Option(names = "--confirm", paramLabel = "DATABASE",
            description = "The database's name, typed to confirm a profile marked staging (for --analyze)")
    String confirmation;

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
                throw new IllegalArgumentException(source.file + ": " + loaded.problem());
            }
            sql = loaded.text();
        }
        ExplainResult result;
        try (Database db = connection.open(spec.commandLine().getErr())) {
            if (analyze) {
                // a rolled-back EXPLAIN ANALYZE still holds the statement's row locks for its whole run,
                // fires its triggers and advances its sequences: it writes as much as a run does
                StagingGuard.Decision decision = StagingGuard.decide(db, connection.profileSaysStaging(), confirmation);
                if (!decision.writable()) {
                    throw new IllegalArgumentException("explain --analyze runs the statement, so only on a staging "
                            + "database (EXPLAIN without --analyze works anywhere): " + decision.reason());
                }
            }
            result = explain(db, sql);
        }
        List<ExplainWarning> warnings = ExplainWarnings.of(result);
        out.print(format.equals("json") ? ExplainJson.write(result, warnings) : ExplainText.render(result, warnings, true));
        out.flush();
        return Main.OK;
    }

    private ExplainResult explain(Database db, String sql) {
        try (Connection c = db.newSession()) {
            Explainer.Options options = new Explainer.Options(analyze, statementTimeout, params);
            return new Explainer(c).explain(sql, options);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

}
