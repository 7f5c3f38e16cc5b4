package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.DurationEstimator;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.FileContext;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.FindingSink;
import dev.phasewise.analysis.rules.Rule;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.rules.StatementContext;
import dev.phasewise.analysis.rules.StatementUnits;
import dev.phasewise.analysis.rules.TransactionState;
import dev.phasewise.analysis.schema.SchemaApplier;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandKinds;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
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
    private StatementUnits units = StatementUnits.WHOLE_FILE;

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

    /** Which statements run together (a plan's actions run apart), and how messages name them. */
    public Analyzer withUnits(StatementUnits units) {
        this.units = units;
        return this;
    }

    /** The whole analysis of one file, every statement's result in memory. */
    public FileAnalysis analyze(String file, String source, SchemaModel base) {
        List<StatementResult> results = new ArrayList<>();
        FileEnd end = analyze(file, source, base, results::add);
        end.lateFindings().forEach((index, late) -> results.get(index - 1).findings().addAll(late));
        return new FileAnalysis(file, results, end.problems());
    }

    /**
     * Streams the analysis of one file: each statement's result goes to {@code out} as soon as the
     * statement is analysed, so a caller that writes and forgets them (the lint command) keeps no more
     * than the schema model and the rules' small per-file memory. Findings that only the end of the file
     * decides (a foreign key still without an index, a transaction never committed) come back in the
     * {@link FileEnd}, keyed by statement index, already filtered by that statement's suppressions.
     */
    public FileEnd analyze(String file, String source, SchemaModel base, Consumer<StatementResult> out) {
        List<SourceProblem> problems = new ArrayList<>();
        SchemaModel schema = base.copy();
        SchemaApplier applier = new SchemaApplier(schema, true);
        boolean wraps = wrapsFile(file, source);
        int setLocal = assumeInTransaction == null && !wraps && !declinesTransaction(source)
                ? SetLocal.beforeAnyTransaction(source) : 0;
        if (setLocal > 0) {
            wraps = true;
            problems.add(SourceProblem.note(setLocal, 1, SetLocal.ANALYSED_AS_ONE_TRANSACTION));
        }
        TransactionState tx = new TransactionState(wraps);
        FileContext fileContext = new FileContext(file, version, units);
        // only statements that carry suppressions are remembered: a late finding may still be silenced
        Map<Integer, List<Suppressions.Suppression>> suppressed = new TreeMap<>();
        Set<Suppressions.Suppression> used = new HashSet<>();
        int count = 0;
        CodeBlockAnalysis codeBlocks = new CodeBlockAnalysis(version, rules, source);
        SearchPathSession searchPath = new SearchPathSession(schema);

        for (Statement statement : new Splitter(source, problems::add)) {
            count++;
            Command command = searchPath.parse(statement);
            String error = null;
            if (command instanceof Command.Invalid invalid) {
                error = invalid.message();
                // the splitter already said what is broken here (an unterminated string, an unclosed parenthesis):
                // the parser's view of the same fault would report it twice
                if (!reportedWithin(problems, statement)) {
                    problems.add(SourceProblem.error(invalid.line(), invalid.column(), invalid.message()));
                }
            }
            List<QualifiedName> assumed = schema.complete() ? List.of() : IfExists.undeclared(command, schema);
            if (error == null && !assumed.isEmpty()) {
                problems.add(SourceProblem.note(statement.line(), statement.column(), IfExists.note(assumed)));
            }
            String maybeThere = error == null ? IfExists.undeclaredIndexNote(command, schema) : null;
            if (maybeThere != null) {
                problems.add(SourceProblem.note(statement.line(), statement.column(), maybeThere));
            }
            List<Finding> findings = new ArrayList<>();
            // a DO block (or a CALL of a procedure created earlier in the file) is analysed through its statements
            CodeBlockAnalysis.Outcome block = error != null ? null
                    : codeBlocks.analyse(statement, schema, applier, tx, fileContext, problems, estimator);
            List<TableEffect> effects;
            if (block != null) {
                effects = block.effects();
                findings.addAll(block.findings());
            } else {
                effects = codeBlocks.withBodyLocks(statement, new LockAnalyzer(schema, version).effects(command),
                        schema);
                StatementContext ctx = new StatementContext(statement, command, effects, schema, version, tx,
                        fileContext);
                FindingSink sink = (rule, severity, index, message, fix) -> findings.add(
                        new Finding(rule, severity, message, fix));
                if (error == null && !IfExists.doesNothing(command, schema)) {
                    for (Rule rule : rules) {
                        rule.check(ctx, sink);
                    }
                }
            }
            List<Suppressions.Suppression> here = Suppressions.read(statement.comments(), problems);
            if (!here.isEmpty()) {
                suppressed.put(statement.index(), here);
                silence(findings, here, used);
            }
            List<DurationEstimate> estimates = block != null ? block.estimates()
                    : estimator == null || error != null ? List.of() : estimator.estimate(command, effects, schema);
            out.accept(new StatementResult(statement.index(), statement.line(), statement.column(), statement.text(),
                    effects, findings, error, estimates));
            if (command instanceof Command.SetVariable set && set.local() && !tx.inTransaction()) {
                problems.add(SourceProblem.note(statement.line(), statement.column(), SetLocal.NO_EFFECT));
            }
            applier.apply(command);
            tx.after(statement.index(), command, effects, CommandKinds.isSchemaChange(command), changesRows(command, effects));
            tx.autocommitted();
            searchPath.after(command, tx.inTransaction());
        }
        searchPath.finish();
        fileContext.finish(schema, tx);
        int statements = count;
        SortedMap<Integer, List<Finding>> late = new TreeMap<>();
        FindingSink lateSink = new FindingSink() {
            @Override
            public void report(RuleMeta rule, Severity severity, int index, String message, String fix) {
                add(index, new Finding(rule, severity, message, fix));
            }

            @Override
            public void reportAt(RuleMeta rule, int index, int line, int column, String message, String fix) {
                Finding f = new Finding(rule, rule.severity(), message, fix);
                // a statement inside a code block: the finding points at its own line
                add(index, line > 0 ? f.at(line, column) : f);
            }

            private void add(int index, Finding f) {
                if (index >= 1 && index <= statements) {
                    late.computeIfAbsent(index, i -> new ArrayList<>()).add(f);
                }
            }
        };
        for (Rule rule : rules) {
            rule.endOfFile(fileContext, lateSink);
        }
        late.forEach((index, findings) -> silence(findings, suppressed.getOrDefault(index, List.of()), used));
        late.values().removeIf(List::isEmpty);
        if (statements == 0 && problems.stream().noneMatch(SourceProblem::error)) {
            problems.add(SourceProblem.error(1, 1, "no SQL statements found"));
        }
        for (List<Suppressions.Suppression> here : suppressed.values()) {
            for (Suppressions.Suppression s : here) {
                if (!used.contains(s)) {
                    problems.add(SourceProblem.note(s.line(), s.column(), "suppression of "
                            + String.join(", ", s.rules()) + " matches no finding of this statement"));
                }
            }
        }
        return new FileEnd(statements, problems, late);
    }

    /** What is known of a file once its last statement was analysed. */
    public record FileEnd(int statements, List<SourceProblem> problems, SortedMap<Integer, List<Finding>> lateFindings) {
    }

    private static void silence(List<Finding> findings, List<Suppressions.Suppression> suppressions,
                                Set<Suppressions.Suppression> used) {
        for (Suppressions.Suppression s : suppressions) {
            if (findings.removeIf(s::covers)) {
                used.add(s);
            }
        }
    }

    /** True when an error was reported at a place between the statement's first and last token. */
    private static boolean reportedWithin(List<SourceProblem> problems, Statement statement) {
        var last = statement.tokens().get(statement.tokens().size() - 1);
        return problems.stream().anyMatch(p -> p.error()
                && compare(p.line(), p.column(), statement.line(), statement.column()) >= 0
                && compare(p.line(), p.column(), last.line(), last.column()) <= 0);
    }

    private static int compare(int line, int column, int otherLine, int otherColumn) {
        return line != otherLine ? Integer.compare(line, otherLine) : Integer.compare(column, otherColumn);
    }

    /** Flyway's per-script switch, written in the script's first lines. */
    private static final Pattern FLYWAY_NO_TRANSACTION = Pattern.compile(
            "flyway:executeInTransaction\\s*=\\s*false", Pattern.CASE_INSENSITIVE);

    private boolean wrapsFile(String file, String source) {
        if (assumeInTransaction != null) {
            return assumeInTransaction;
        }
        if (declinesTransaction(source)) {
            return false;
        }
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return FLYWAY_FILE.matcher(name).matches();
    }

    /** The file says its tool must not wrap it in a transaction (Flyway's executeInTransaction=false). */
    private static boolean declinesTransaction(String source) {
        return FLYWAY_NO_TRANSACTION.matcher(source.substring(0, Math.min(source.length(), 2000))).find();
    }

    /** Changes rows of a table that existed before the migration (a backfill). */
    static boolean changesRows(Command c, List<TableEffect> effects) {
        return CommandKinds.isDataChange(c)
                && effects.stream().anyMatch(e -> e.preexisting() && e.lock() == LockMode.ROW_EXCLUSIVE);
    }
}
