package dev.phasewise.convert;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.SearchPathSession;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaApplier;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.plan.Plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a risky migration into a phased expand / backfill / contract plan that ends in the same
 * schema and data, with an account of what each statement became and why.
 *
 * <p>It reads the statements as the lint does (the same parser, lock analysis and findings), against
 * the schema as it stands before each one, and gives each to the first rewrite that takes it. It has
 * no connection: with a live server, the catalog's facts (row counts, sizes, indexes) reach it through
 * the schema model.
 */
public final class Converter {
    /**
     * The lint rules whose finding this converter cures: their risky statement becomes phased steps whose
     * SQL no longer raises them ({@code ConverterCuresTest} converts each rule's bad fixture and lints the plan).
     */
    public static final Set<String> CURES = Set.of("PW101", "PW102", "PW104", "PW105", "PW106", "PW108", "PW111",
            "PW112", "PW113", "PW114", "PW122", "PW124");

    private final PgVersion version;
    private final List<Rewrite> rewrites = List.of(new SessionRewrite(), new AlterTableRewrite(), new UpdateRewrite(),
            new DeleteRewrite(), new IndexRewrite(), new DropRewrite(), new KeepRewrite());

    private Throughput throughput;

    public Converter(PgVersion version) {
        this.version = version;
    }

    /** With a measured server throughput, the account says how long each avoided lock would have been held. */
    public Converter withThroughput(Throughput measured) {
        this.throughput = measured;
        return this;
    }

    /** One migration file: its name (for messages) and its text. */
    public record Input(String file, String source) {
    }

    /** Converts one file; on input errors (a syntax error, an unterminated string) the plan is null. */
    public Conversion convert(String file, String source, SchemaModel base) {
        return convert(List.of(new Input(file, source)), base);
    }

    /**
     * Converts a sequence of migration files, in order, into one plan: each file is read against the
     * schema as the files before it left it. On input errors in any file the plan is null.
     */
    public Conversion convert(List<Input> files, SchemaModel base) {
        SchemaModel schema = base.copy();
        SchemaApplier applier = new SchemaApplier(schema, true);
        PlanAssembly plan = new PlanAssembly(Dialect.of(files.stream().map(Input::source).reduce("", String::concat)));
        List<SourceProblem> problems = new ArrayList<>();
        boolean failed = false;
        for (Input input : files) {
            FileAnalysis analysis = new Analyzer(version).withThroughput(throughput).analyze(input.file(), input.source(), schema);
            problems.addAll(analysis.problems());
            if (analysis.hasInputErrors()) {
                failed = true;
                continue;
            }
            plan.startFile(input.file());
            SearchPathSession searchPath = new SearchPathSession(schema);
            for (Statement statement : Splitter.split(input.source(), new ArrayList<>())) {
                Command command = searchPath.parse(statement);
                Unit unit = new Unit(input.source(), statement, command,
                        analysis.statements().get(statement.index() - 1), schema, version);
                for (Rewrite rewrite : rewrites) {
                    if (rewrite.convert(unit, plan)) {
                        break;
                    }
                }
                applier.apply(command);
                searchPath.after(command, true);
            }
            searchPath.finish();
        }
        if (failed) {
            return new Conversion(null, List.of(), problems);
        }
        String name = files.size() == 1 ? baseName(files.get(0).file())
                : baseName(files.get(0).file()) + " .. " + baseName(files.get(files.size() - 1).file());
        Plan result = plan.build(name + " (made safe)", "Converted by phasewise convert from " + name
                + ": each risky statement became phased steps that end in the same schema and data.", null);
        return new Conversion(result, plan.account(), problems);
    }

    private static String baseName(String file) {
        String f = file.replace('\\', '/');
        return f.substring(f.lastIndexOf('/') + 1);
    }
}
