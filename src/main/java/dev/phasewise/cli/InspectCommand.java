package dev.phasewise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.db.Database;
import dev.phasewise.db.catalog.LiveContext;
import dev.phasewise.db.catalog.TableFacts;
import dev.phasewise.db.catalog.TableFactsReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code phasewise inspect --url URL TABLE}: the catalog facts and the live lock context of one table. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show what a migration of TABLE touches (size, rows, columns, indexes, constraints, triggers, "
                + "dependent views, foreign keys, partitions) and whether a lock could be taken now (long "
                + "transactions, lock holders and waiters, replica lag, vacuums). Read-only.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:usage or connection error, or no such table"})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "TABLE", description = "The table, as you would write it in SQL (schema.table)")
    String table;

    @Option(names = "--exact-count", description = "Also count(*) the rows (reads the whole table)")
    boolean exactCount;

    @Option(names = "--long-transaction", defaultValue = "PT1M", paramLabel = "DURATION",
            description = "Transactions open at least this long are listed (ISO-8601, default: ${DEFAULT-VALUE})")
    Duration longTransaction;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, not " + format);
        }
        TableFacts facts;
        LiveContext live;
        try (Database db = connection.open(spec.commandLine().getErr()); Connection c = db.connection()) {
            facts = new TableFactsReader(c).read(table, exactCount).orElseThrow(() ->
                    new IllegalArgumentException("no table \"" + table + "\" in database " + db.serverInfo().database()));
            live = LiveContext.read(c, facts.name(), longTransaction);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("table", facts);
            doc.put("live", live);
            // durations as ISO-8601 text ("PT12.5S"), readable by any JSON consumer
            SimpleModule durations = new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance);
            out.println(new ObjectMapper().registerModule(durations)
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else {
            text(facts, live, out);
        }
        out.flush();
        return Main.OK;
    }

    private static void text(TableFacts f, LiveContext live, PrintWriter out) {
        out.println(f.name() + " (" + f.kind() + ")");
        out.println("  rows      " + (f.estimatedRows() < 0 ? "never analysed" : "~" + Bytes.rows(f.estimatedRows()))
                + (f.exactRows() >= 0 ? ", exactly " + f.exactRows() : ""));
        out.println("  size      " + Bytes.human(f.totalBytes()) + " (heap " + Bytes.human(f.heapBytes()) + ", indexes "
                + Bytes.human(f.indexBytes()) + ", TOAST " + Bytes.human(f.toastBytes()) + ")");
        if (f.deadRows() >= 0) {
            out.println("  vacuum    " + f.deadRows() + " dead rows; last vacuum " + orNever(f.lastVacuum())
                    + ", last analyze " + orNever(f.lastAnalyze()));
        }
        if (f.parent() != null) {
            out.println("  parent    " + f.parent());
        }
        out.println("  columns");
        f.columns().forEach(c -> out.println("    " + c.name() + " " + c.type() + (c.notNull() ? " NOT NULL" : "")
                + (c.defaultExpression() != null ? " DEFAULT " + c.defaultExpression() : "")));
        section(out, "indexes", f.indexes().stream().map(i -> i.definition() + " (" + Bytes.human(i.bytes()) + ")"
                + (i.valid() ? "" : "  INVALID")).toList());
        section(out, "constraints", f.constraints().stream().map(c -> c.name() + " " + c.definition()
                + (c.validated() ? "" : "  (not validated)")).toList());
        section(out, "triggers", f.triggers().stream().map(t -> t.definition() + (t.enabled() ? "" : "  (disabled)")).toList());
        section(out, "dependent views", f.dependentViews());
        section(out, "foreign keys to other tables", f.foreignKeysOut().stream()
                .map(k -> k.name() + " -> " + k.toTable() + (k.validated() ? "" : "  (not validated)")).toList());
        section(out, "foreign keys from other tables", f.foreignKeysIn().stream()
                .map(k -> k.fromTable() + "." + k.name() + (k.validated() ? "" : "  (not validated)")).toList());
        section(out, "partitions", f.partitions());
        out.println();
        out.println("now" + (live.contended() ? "  (a lock on this table would have to wait)" : ""));
        section(out, "sessions locking it", live.lockHolders().stream().map(h -> "pid " + h.pid() + " " + h.mode()
                + (h.granted() ? " held" : " WAITING") + (h.blockedBy().isEmpty() ? "" : ", blocked by " + h.blockedBy())
                + (h.application() == null || h.application().isEmpty() ? "" : ", " + h.application())
                + ": " + oneLine(h.query())).toList());
        section(out, "long transactions", live.longTransactions().stream().map(s -> "pid " + s.pid() + " open "
                + s.transactionAge().toSeconds() + " s, " + s.state() + ": " + oneLine(s.query())).toList());
        section(out, "replicas", live.replicas().stream().map(r -> r.name() + " " + r.state() + ", "
                + Bytes.human(r.replayLagBytes()) + " behind, " + r.replayLag().toMillis() + " ms").toList());
        section(out, "vacuums", live.vacuums().stream().map(v -> "pid " + v.pid() + " " + v.table() + " " + v.phase()
                + (v.wraparound() ? " (to prevent wraparound: will not yield to DDL)" : "")).toList());
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        out.println("  " + title + (lines.isEmpty() ? ": none" : ""));
        lines.forEach(l -> out.println("    " + l));
    }

    private static String orNever(String s) {
        return s == null ? "never" : s;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }
}
