package dev.phasewise.analysis.output;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.cost.WorkKind;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.RelationKind;
import dev.phasewise.analysis.schema.TableSize;
import dev.phasewise.analysis.sql.QualifiedName;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractSequentialList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Holds a file's statement results between the analysis and the report, so that linting a file of any
 * size keeps a bounded number of them in memory: the first {@code inMemory} stay on the heap, the rest
 * go to a temporary file in a compact binary form and are read back, one at a time, each time the
 * report iterates them. Only what reports print is kept of a table effect's relation (its name, kind
 * and size), not the schema model behind it.
 */
public final class StatementSpill implements Consumer<StatementResult>, AutoCloseable {
    /** Enough for any hand-written migration to stay off the disk. */
    public static final int DEFAULT_IN_MEMORY = 2_000;

    private final int inMemory;
    private final List<StatementResult> head = new ArrayList<>();
    /** The findings of every result accepted, by severity: the report's counts without a second read. */
    private final int[] tally = new int[Severity.values().length];
    private final Map<String, RuleMeta> rules = new HashMap<>();
    private Path file;
    private DataOutputStream out;
    private int spilled;

    public StatementSpill() {
        this(DEFAULT_IN_MEMORY);
    }

    public StatementSpill(int inMemory) {
        this.inMemory = inMemory;
    }

    @Override
    public void accept(StatementResult r) {
        for (Finding f : r.findings()) {
            tally[f.severity().ordinal()]++;
        }
        if (head.size() < inMemory) {
            head.add(r);
            return;
        }
        try {
            if (out == null) {
                file = Files.createTempFile("phasewise-lint-", ".spill");
                file.toFile().deleteOnExit();
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            }
            write(r, out);
            spilled++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the temporary file of statement results: " + e.getMessage(), e);
        }
    }

    /** Whether any result went to the disk (for tests). */
    public boolean spilled() {
        return spilled > 0;
    }

    /**
     * The results in statement order, with the findings that only the end of the file decided added to
     * their statements. Iterating reads the disk part again; the list cannot be changed.
     */
    public List<StatementResult> results(SortedMap<Integer, List<Finding>> lateFindings) {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SortedMap<Integer, List<Finding>> late = new TreeMap<>(lateFindings);
        int size = head.size() + spilled;
        int[] counts = tally.clone();
        for (List<Finding> added : late.values()) {
            for (Finding f : added) {
                counts[f.severity().ordinal()]++;
            }
        }
        class Results extends AbstractSequentialList<StatementResult> implements SeverityTally {
            @Override
            public int findings(Severity s) {
                return counts[s.ordinal()];
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public ListIterator<StatementResult> listIterator(int index) {
                if (index != 0) {
                    throw new UnsupportedOperationException("statement results are read from the start");
                }
                return new Reader(late);
            }
        }
        return new Results();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            Files.deleteIfExists(file);
            out = null;
        }
    }

    private final class Reader implements ListIterator<StatementResult> {
        private final SortedMap<Integer, List<Finding>> late;
        private DataInputStream in;
        private int next;

        Reader(SortedMap<Integer, List<Finding>> late) {
            this.late = late;
        }

        @Override
        public boolean hasNext() {
            return next < head.size() + spilled;
        }

        @Override
        public StatementResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StatementResult r;
            try {
                if (next < head.size()) {
                    r = head.get(next);
                } else {
                    if (in == null) {
                        in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
                    }
                    r = read(in);
                }
                next++;
                if (next == head.size() + spilled && in != null) {
                    in.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the temporary file of statement results: " + e.getMessage(), e);
            }
            List<Finding> extra = late.get(r.index());
            if (extra == null) {
                return r;
            }
            List<Finding> findings = new ArrayList<>(r.findings());
            findings.addAll(extra);
            return new StatementResult(r.index(), r.line(), r.column(), r.sql(), r.tables(), findings, r.error(),
                    r.estimates());
        }

        @Override
        public boolean hasPrevious() {
            return false;
        }

        @Override
        public StatementResult previous() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int nextIndex() {
            return next;
        }

        @Override
        public int previousIndex() {
            return next - 1;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void set(StatementResult r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(StatementResult r) {
            throw new UnsupportedOperationException();
        }
    }

    private void write(StatementResult r, DataOutputStream o) throws IOException {
        o.writeInt(r.index());
        o.writeInt(r.line());
        o.writeInt(r.column());
        string(o, r.sql());
        string(o, r.error());
        o.writeInt(r.tables().size());
        for (TableEffect t : r.tables()) {
            string(o, t.name());
            Relation rel = t.relation();
            string(o, rel.name().schema());
            string(o, rel.name().name());
            o.writeByte(rel.kind().ordinal());
            o.writeBoolean(rel.createdByMigration());
            o.writeBoolean(rel.declared());
            TableSize size = rel.size();
            o.writeLong(size.rows());
            o.writeLong(size.heapBytes());
            o.writeLong(size.indexBytes());
            o.writeLong(size.toastBytes());
            o.writeByte(t.lock().ordinal());
            o.writeBoolean(t.rewrite());
            o.writeBoolean(t.scan());
        }
        o.writeInt(r.findings().size());
        for (Finding f : r.findings()) {
            rules.putIfAbsent(f.rule().id(), f.rule());
            string(o, f.rule().id());
            o.writeByte(f.severity().ordinal());
            string(o, f.message());
            string(o, f.fix());
            o.writeInt(f.line());
            o.writeInt(f.column());
        }
        o.writeInt(r.estimates().size());
        for (DurationEstimate e : r.estimates()) {
            string(o, e.table());
            o.writeByte(e.lock().ordinal());
            o.writeByte(e.work().ordinal());
            o.writeLong(e.bytes());
            o.writeLong(e.rows());
            o.writeDouble(e.seconds());
        }
    }

    private StatementResult read(DataInputStream in) throws IOException {
        int index = in.readInt();
        int line = in.readInt();
        int column = in.readInt();
        String sql = string(in);
        String error = string(in);
        int n = in.readInt();
        List<TableEffect> tables = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = string(in);
            QualifiedName qn = new QualifiedName(string(in), string(in));
            Relation rel = new Relation(qn, RelationKind.values()[in.readByte()], in.readBoolean(), in.readBoolean());
            rel.setSize(new TableSize(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
            tables.add(new TableEffect(name, rel, LockMode.values()[in.readByte()], in.readBoolean(), in.readBoolean()));
        }
        n = in.readInt();
        List<Finding> findings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RuleMeta rule = rules.get(string(in));
            findings.add(new Finding(rule, Severity.values()[in.readByte()], string(in), string(in), in.readInt(),
                    in.readInt()));
        }
        n = in.readInt();
        List<DurationEstimate> estimates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            estimates.add(new DurationEstimate(string(in), LockMode.values()[in.readByte()],
                    WorkKind.values()[in.readByte()], in.readLong(), in.readLong(), in.readDouble()));
        }
        return new StatementResult(index, line, column, sql, tables, findings, error, estimates);
    }

    // length-prefixed UTF-8, -1 for null: writeUTF stops at 64 KB and a function body may be longer
    private static void string(DataOutputStream o, String s) throws IOException {
        if (s == null) {
            o.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new IOException("the temporary file of statement results is truncated", e);
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
