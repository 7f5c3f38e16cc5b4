package dev.phasewise.testing;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.parse.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace corpus (trace/corpus.sql) as entries: each statement with its directives, for the
 * tests that trace it (TraceCorpusIT, MigrationTracerIT).
 */
public final class TraceCorpus {
    private TraceCorpus() {
    }

    private static final Pattern SINCE = Pattern.compile("^--\\s*since:\\s*(\\d+)");
    private static final Pattern OUTSIDE = Pattern.compile("^--\\s*outside:\\s*(.*)");
    private static final Pattern SEARCH_PATH = Pattern.compile("^--\\s*search_path:\\s*(.*)");
    // "given:" is the same directive under its other name; either may hold several statements
    private static final Pattern FIRST = Pattern.compile("^--\\s*(?:first|given):\\s*(.*)");

    /**
     * {@code searchPath}: set (SET LOCAL in the trace, SET before it in the analysed file) for this statement, or
     * null; {@code first}: statements of the same migration that run before it, in its transaction (in the trace)
     * and before it in the analysed file.
     */
    public record CorpusEntry(Statement statement, int since, String undo, String searchPath, List<String> first) {
        /** What runs before the statement in the trace's transaction. */
        public List<String> prefix() {
            List<String> out = new ArrayList<>();
            if (searchPath != null) {
                out.add("SET LOCAL search_path TO " + searchPath);
            }
            out.addAll(first);
            return out;
        }

        /** The migration file the analysis reads: what runs first, then the statement. */
        public String file() {
            StringBuilder b = new StringBuilder();
            if (searchPath != null) {
                b.append("SET search_path TO ").append(searchPath).append(";\n");
            }
            first.forEach(f -> b.append(f).append(";\n"));
            return b.append(statement.text()).toString();
        }
    }

    public static List<CorpusEntry> entries() {
        List<CorpusEntry> out = new ArrayList<>();
        for (Statement s : Splitter.split(Resources.text("trace/corpus.sql"), new ArrayList<SourceProblem>())) {
            int since = 0;
            String undo = null;
            String searchPath = null;
            List<String> first = new ArrayList<>();
            for (Token c : s.comments()) {
                Matcher f = FIRST.matcher(c.text());
                if (f.find()) {
                    for (Statement g : Splitter.split(f.group(1), new ArrayList<SourceProblem>())) {
                        first.add(g.text());
                    }
                }
                Matcher p = SEARCH_PATH.matcher(c.text());
                if (p.find()) {
                    searchPath = p.group(1).trim();
                }
                Matcher m = SINCE.matcher(c.text());
                if (m.find()) {
                    since = Integer.parseInt(m.group(1));
                }
                Matcher o = OUTSIDE.matcher(c.text());
                if (o.find()) {
                    undo = o.group(1).trim();
                }
            }
            if (undo != null && (searchPath != null || !first.isEmpty())) {
                throw new IllegalStateException("line " + s.line() + ": an outside trace runs in other sessions, "
                        + "which do not take a search_path or first directive");
            }
            out.add(new CorpusEntry(s, since, undo, searchPath, List.copyOf(first)));
        }
        return out;
    }
}
