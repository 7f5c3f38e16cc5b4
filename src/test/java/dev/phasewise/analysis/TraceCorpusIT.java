package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.TraceResult;
import dev.phasewise.db.TracedEffect;
import dev.phasewise.db.Tracer;
import dev.phasewise.testing.CorpusGiven;
import dev.phasewise.testing.Resources;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The ground truth of the lock analysis: each statement of the corpus runs on a real
 * PostgreSQL of every supported major version, and what the server did (pg_locks,
 * relfilenode, seq_scan) must equal what Phasewise predicts without a database. A disagreement
 * fails the test; nothing is skipped except statements the version cannot run ("since: N"). A
 * statement with "given: SQL" runs after those statements in the same transaction and is analysed
 * after them in the same file (a table the migration created, rows it inserted).
 */
class TraceCorpusIT {
    private static final Pattern SINCE = Pattern.compile("^--\\s*since:\\s*(\\d+)");
    private static final Pattern OUTSIDE = Pattern.compile("^--\\s*outside:\\s*(.*)");

    record CorpusEntry(Statement statement, int since, String undo) {
    }

    static List<CorpusEntry> corpus() {
        List<CorpusEntry> out = new ArrayList<>();
        for (Statement s : Splitter.split(Resources.text("trace/corpus.sql"), new ArrayList<SourceProblem>())) {
            int since = 0;
            String undo = null;
            for (Token c : s.comments()) {
                Matcher m = SINCE.matcher(c.text());
                if (m.find()) {
                    since = Integer.parseInt(m.group(1));
                }
                Matcher o = OUTSIDE.matcher(c.text());
                if (o.find()) {
                    undo = o.group(1).trim();
                }
            }
            out.add(new CorpusEntry(s, since, undo));
        }
        return out;
    }

    @TestFactory
    List<DynamicContainer> staticAnalysisAgreesWithPostgres() {
        List<CorpusEntry> corpus = corpus();
        assertTrue(corpus.size() >= 150, "the corpus needs at least 150 statements, has " + corpus.size());
        List<DynamicContainer> perVersion = new ArrayList<>();
        for (int major : TestPostgres.versions()) {
            perVersion.add(DynamicContainer.dynamicContainer("PostgreSQL " + major,
                    List.of(DynamicTest.dynamicTest("corpus of " + corpus.size() + " statements",
                            () -> runCorpus(major, corpus)))));
        }
        return perVersion;
    }

    private void runCorpus(int major, List<CorpusEntry> corpus) throws Exception {
        String url = TestPostgres.freshDatabase(major, "trace_corpus");
        try (Connection c = TestPostgres.connect(url); java.sql.Statement st = c.createStatement()) {
            st.execute(Resources.text("trace/base-schema.sql"));
            st.execute(Resources.text("trace/base-data.sql"));
        }
        SchemaModel base = SchemaFiles.of(Resources.text("trace/base-schema.sql"));
        // the file is the whole database the corpus runs on, as the catalog would read it: a table
        // it lacks does not exist (IF EXISTS on it does nothing)
        base.markComplete();
        PgVersion version = new PgVersion(major);
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        try (Connection session = TestPostgres.connect(url)) {
            Tracer tracer = new Tracer(session, () -> TestPostgres.connect(url));
            for (CorpusEntry entry : corpus) {
                if (major < entry.since()) {
                    continue;
                }
                String sql = entry.statement().text();
                List<String> given = CorpusGiven.of(entry.statement());
                TraceResult traced = entry.undo() == null ? tracer.traceInTransaction(given, sql)
                        : tracer.traceOutsideTransaction(sql);
                if (entry.undo() != null) {
                    try (java.sql.Statement st = session.createStatement()) {
                        st.execute(entry.undo());
                    }
                }
                if (traced.failed()) {
                    disagreements.add("line " + entry.statement().line() + ": PostgreSQL " + major
                            + " rejected the corpus statement: " + traced.error() + "\n    " + sql);
                    continue;
                }
                if (!traced.gaps().isEmpty()) {
                    // an outside trace must see every lock request waiting, on every run, not by chance
                    disagreements.add("line " + entry.statement().line() + ": not observed for certain: "
                            + traced.gaps() + "\n    " + sql);
                }
                FileAnalysis analysis = new Analyzer(version).analyze("corpus.sql", CorpusGiven.file(entry.statement()),
                        base);
                Set<String> expected = new TreeSet<>();
                for (TracedEffect t : traced.tables()) {
                    expected.add(describe(t.name(), t.lock(), t.rewrite(), t.scan()));
                }
                Set<String> actual = new TreeSet<>();
                for (TableEffect t : analysis.statements().get(given.size()).tables()) {
                    actual.add(describe(t.name(), t.lock(), t.rewrite(), t.scan()));
                }
                checked++;
                if (!expected.equals(actual)) {
                    disagreements.add("line " + entry.statement().line() + ": " + sql + "\n    postgres: " + expected
                            + "\n    phasewise: " + actual);
                }
            }
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + checked + " statements disagree on PostgreSQL " + major + ":\n"
                    + String.join("\n", disagreements));
        }
    }

    private static String describe(String name, LockMode lock, boolean rewrite, boolean scan) {
        return name + " " + lock.pgName() + (rewrite ? " rewrite" : "") + (scan ? " scan" : "");
    }
}
