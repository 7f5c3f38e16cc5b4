package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.DurationEstimator;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.rules.FileContext;
import dev.phasewise.analysis.rules.FindingSink;
import dev.phasewise.analysis.rules.Rule;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.StatementContext;
import dev.phasewise.analysis.rules.TransactionState;
import dev.phasewise.analysis.schema.SchemaApplier;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandKinds;
import dev.phasewise.analysis.sql.CommandParser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Analyses a migration: splits it, classifies each statement, computes its locks against the
 * schema built so far, runs the rules, applies the statement to the schema, and moves on.
 */
public final class Analyzer {
    /** Flyway versioned and repeatable migrations: Flyway wraps each in a transaction. */
    private static final Pattern FLYWAY_FILE = Pattern.compile("^[VR]\\d*(?:[._]\\d+)*__.+\\.sql$");

    private final PgVersion version;
    private final List<Rule> rules;
    private final Boolean assumeInTransaction;
    private DurationEstimator estimator;

    /**
     * @param assumeInTransaction true: the tool wraps the file in one transaction; false: it
     *                            runs statements in autocommit; null: decide by file name
     *                            (Flyway files are wrapped, others are not)
     */
    public Analyzer(PgVersion version, List<Rule> rules, Boolean assumeInTransaction) {
        this.version = version;
        this.rules = rules;
        this.assumeInTransaction = assumeInTransaction;
    }

    public Analyzer(PgVersion version) {
        this(version, Rules.ALL, null);
    }

    /** Estimates how long each scan, rewrite and index build holds its lock, at this server's throughput. */
    public Analyzer withThroughput(Throughput throughput) {
        this.estimator = throughput == null ? null : new DurationEstimator(throughput);
        return this;
    }

    public FileAnalysis analyze(String file, String source, SchemaModel base) {
        List<SourceProblem> problems = new ArrayList<>();
        List<StatementResult> results = new ArrayList<>();
        SchemaModel schema = base.copy();
        SchemaApplier applier = new SchemaApplier(schema, true);
        TransactionState tx = new TransactionState(wrapsFile(file, source));
        FileContext fileContext = new FileContext(file, version);
        List<List<Suppressions.Suppression>> suppressions = new ArrayList<>();

        for (Statement statement : new Splitter(source, problems::add)) {
            Command command = CommandParser.parse(statement);
            String error = null;
            if (command instanceof Command.Invalid invalid) {
                error = invalid.message();
                problems.add(SourceProblem.error(invalid.line(), invalid.column(), invalid.message()));
            }
            List<TableEffect> effects = new LockAnalyzer(schema, version).effects(command);
            List<Finding> findings = new ArrayList<>();
            StatementContext ctx = new StatementContext(statement, command, effects, schema, version, tx, fileContext);
            FindingSink sink = (rule, severity, index, message, fix) -> findings.add(
                    new Finding(rule, severity, message, fix));
            if (error == null) {
                for (Rule rule : rules) {
                    rule.check(ctx, sink);
                }
            }
            suppressions.add(Suppressions.read(statement.comments(), problems));
            List<DurationEstimate> estimates = estimator == null || error != null ? List.of()
                    : estimator.estimate(command, effects, schema);
            results.add(new StatementResult(statement.index(), statement.line(), statement.column(), statement.text(),
                    effects, findings, error, estimates));
            applier.apply(command);
            tx.after(statement.index(), command, effects, CommandKinds.isSchemaChange(command), changesRows(command, effects));
            tx.autocommitted();
        }
        fileContext.finish(schema, tx);
        FindingSink late = (rule, severity, index, message, fix) -> {
            if (index >= 1 && index <= results.size()) {
                results.get(index - 1).findings().add(new Finding(rule, severity, message, fix));
            }
        };
        for (Rule rule : rules) {
            rule.endOfFile(fileContext, late);
        }
        if (results.isEmpty() && problems.stream().noneMatch(SourceProblem::error)) {
            problems.add(SourceProblem.error(1, 1, "no SQL statements found"));
        }
        applySuppressions(results, suppressions, problems);
        return new FileAnalysis(file, results, problems);
    }

    private static void applySuppressions(List<StatementResult> results, List<List<Suppressions.Suppression>> all,
                                          List<SourceProblem> problems) {
        for (int i = 0; i < results.size(); i++) {
            List<Suppressions.Suppression> here = all.get(i);
            if (here.isEmpty()) {
                continue;
            }
            List<Finding> findings = results.get(i).findings();
            for (Suppressions.Suppression s : here) {
                boolean used = findings.removeIf(s::covers);
                if (!used) {
                    problems.add(SourceProblem.note(s.line(), s.column(), "suppression of "
                            + String.join(", ", s.rules()) + " matches no finding of this statement"));
                }
            }
        }
    }

    /** Flyway's per-script switch, written in the script's first lines. */
    private static final Pattern FLYWAY_NO_TRANSACTION = Pattern.compile(
            "flyway:executeInTransaction\\s*=\\s*false", Pattern.CASE_INSENSITIVE);

    private boolean wrapsFile(String file, String source) {
        if (assumeInTransaction != null) {
            return assumeInTransaction;
        }
        if (FLYWAY_NO_TRANSACTION.matcher(source.substring(0, Math.min(source.length(), 2000))).find()) {
            return false;
        }
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return FLYWAY_FILE.matcher(name).matches();
    }

    /** Changes rows of a table that existed before the migration (a backfill). */
    static boolean changesRows(Command c, List<TableEffect> effects) {
        return CommandKinds.isDataChange(c)
                && effects.stream().anyMatch(e -> e.preexisting() && e.lock() == LockMode.ROW_EXCLUSIVE);
    }
}
