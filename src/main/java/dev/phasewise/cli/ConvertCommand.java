package dev.phasewise.cli;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.convert.AccountEntry;
import dev.phasewise.convert.Conversion;
import dev.phasewise.convert.Converter;
import dev.phasewise.plan.PlanFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code phasewise convert}: a risky migration as a phased plan, and the account of what each statement became. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Turn a risky migration into a phased expand / backfill / contract plan that ends in the same "
                + "schema and data, and print, statement by statement, what each became and why.",
                "Several FILEs are one migration history, converted in order into one plan; '-' reads standard input.",
                "Without -o the plan (YAML) goes to standard output and the account to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan was written", "2:usage or input error (missing or unreadable file, syntax error, "
                + "unwritable output)"})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Migration files (.sql, Django sqlmigrate output)")
    List<String> files;

    @Option(names = "--pg-version", paramLabel = "N", defaultValue = "17",
            description = "PostgreSQL major version the plan is for, 12 to 18 (default: ${DEFAULT-VALUE}; with --url: the server's)")
    int pgVersion;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "SQL declaring what exists before the migration (pg_dump --schema-only, earlier migrations); repeatable")
    List<Path> schemas = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN.yaml", description = "Write the plan to this file")
    Path output;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PgVersion version;
        try {
            version = new PgVersion(pgVersion);
        } catch (IllegalArgumentException e) {
            err.println("phasewise convert: " + e.getMessage());
            return Main.INPUT_ERROR;
        }
        SchemaInputs.Loaded inputs = SchemaInputs.load("convert", connection, version,
                spec.commandLine().getParseResult().hasMatchedOption("--pg-version"), schemas, connection.given(), err);
        List<Converter.Input> sources = new ArrayList<>();
        boolean unreadable = inputs.errors();
        for (String f : files) {
            SourceFiles.Loaded loaded = f.equals("-") ? SourceFiles.read(System.in) : SourceFiles.read(Path.of(f));
            String name = f.equals("-") ? "<stdin>" : f;
            if (loaded.text() == null || loaded.problem() != null) {
                err.println(name + ": " + loaded.problem());
                unreadable = true;
                continue;
            }
            if (LintCommand.isPlanFile(name, loaded.text())) {
                err.println(name + ": is a plan file (YAML), not SQL: it is already phased");
                unreadable = true;
                continue;
            }
            sources.add(new Converter.Input(name, loaded.text()));
        }
        if (unreadable) {
            return Main.INPUT_ERROR;
        }
        Conversion conversion = new Converter(inputs.version()).withThroughput(inputs.throughput())
                .convert(sources, inputs.schema());
        for (SourceProblem p : conversion.problems()) {
            err.println(p.line() + ":" + p.column() + ": " + (p.error() ? "error" : "note") + ": " + p.message());
        }
        if (conversion.hasInputErrors()) {
            err.println("phasewise convert: no plan written: fix the errors above");
            return Main.INPUT_ERROR;
        }
        String yaml = PlanFiles.toYaml(conversion.plan());
        PrintWriter account = output == null ? err : out;
        if (output == null) {
            out.print(yaml);
            out.flush();
        } else {
            try {
                Files.writeString(output, yaml);
            } catch (IOException e) {
                err.println("phasewise convert: cannot write " + output + ": " + e.getMessage());
                return Main.INPUT_ERROR;
            }
        }
        new AccountText(account).write(conversion, output);
        return Main.OK;
    }

    /** The account as text: a line per statement with what it became, then why. */
    static final class AccountText {
        private final PrintWriter out;

        AccountText(PrintWriter out) {
            this.out = out;
        }

        void write(Conversion c, Path output) {
            for (AccountEntry e : c.account()) {
                out.println(e.file() + ":" + e.line() + ": statement " + e.statement() + ", " + e.outcome().words()
                        + ": " + oneLine(e.sql()));
                for (String b : e.became()) {
                    out.println("    -> " + b);
                }
                out.println("    " + e.why());
            }
            long risky = c.stillRisky().size();
            out.println();
            out.println(c.account().size() + " statements: " + count(c, "rewritten") + " rewritten, " + count(c, "moved")
                    + " moved, " + count(c, "merged") + " merged, " + count(c, "kept") + " kept as written, "
                    + count(c, "left out") + " left out" + (risky == 0 ? "" : "; " + risky + " still risky"));
            if (output != null) {
                out.println("plan written to " + output + " (run it with: phasewise run " + output + " --url URL)");
            }
            out.flush();
        }

        private static long count(Conversion c, String words) {
            return c.account().stream().filter(e -> e.outcome().words().equals(words)).count();
        }

        private static String oneLine(String sql) {
            String one = sql.strip().replaceAll("\\s+", " ");
            return one.length() > 100 ? one.substring(0, 97) + "..." : one;
        }
    }
}
