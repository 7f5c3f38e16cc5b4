package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table, view, materialized view or foreign table in the schema model.
 *
 * <p>{@code createdByMigration} marks relations the analysed migration created itself: they
 * are new and empty, so their locks are reported but their risks are not. {@code declared}
 * is false for a relation nothing declared, which Phasewise assumes to exist with rows and
 * unknown columns.
 */
public final class Relation {
    private QualifiedName name;
    private final RelationKind kind;
    private final boolean createdByMigration;
    private final boolean declared;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<QualifiedName> parents = new ArrayList<>();
    private boolean partitionOfParent;
    private boolean defaultPartition;
    private final List<QualifiedName> reads = new ArrayList<>();
    private TableSize size = TableSize.UNKNOWN;
    private List<String> partitionKey = List.of();
    private boolean rowsWritten;

    public Relation(QualifiedName name, RelationKind kind, boolean createdByMigration, boolean declared) {
        this.name = name;
        this.kind = kind;
        this.createdByMigration = createdByMigration;
        this.declared = declared;
    }

    public QualifiedName name() {
        return name;
    }

    public RelationKind kind() {
        return kind;
    }

    public boolean createdByMigration() {
        return createdByMigration;
    }

    public boolean declared() {
        return declared;
    }

    public Map<String, Column> columns() {
        return columns;
    }

    public Optional<Column> column(String columnName) {
        return Optional.ofNullable(columns.get(columnName));
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public Optional<Constraint> constraint(String constraintName) {
        return constraints.stream().filter(c -> constraintName.equals(c.name())).findFirst();
    }

    public List<Constraint> constraintsOfKind(ConstraintKind k) {
        return constraints.stream().filter(c -> c.kind() == k).toList();
    }

    /** Parents by inheritance or partitioning (a partition has exactly one). */
    public List<QualifiedName> parents() {
        return parents;
    }

    public boolean isPartition() {
        return partitionOfParent;
    }

    public boolean isDefaultPartition() {
        return defaultPartition;
    }

    /** For views and materialized views: the relations their query reads. */
    public List<QualifiedName> reads() {
        return reads;
    }

    /** Row estimate from a live catalog, or -1 when only a schema file described the table. */
    public long estimatedRows() {
        return size.rows();
    }

    public long totalBytes() {
        return size.totalBytes();
    }

    public TableSize size() {
        return size;
    }

    public void setSize(TableSize size) {
        this.size = size;
    }

    /** The columns a partitioned table is partitioned by; empty when unknown or not plain columns. */
    public List<String> partitionKey() {
        return partitionKey;
    }

    public void setPartitionKey(List<String> columns) {
        this.partitionKey = List.copyOf(columns);
    }

    void rename(QualifiedName newName) {
        this.name = newName;
    }

    void markPartition(boolean isDefault) {
        this.partitionOfParent = true;
        this.defaultPartition = isDefault;
    }

    void clearPartition() {
        this.partitionOfParent = false;
        this.defaultPartition = false;
    }

    /**
     * Known to hold no row: an ordinary table the migration created, or one whose heap the catalog
     * measured at zero bytes (not a page written), with no row written by the migration since. A
     * table with pages may still hold only dead rows; it is not counted as empty.
     */
    public boolean knownEmpty() {
        return kind == RelationKind.TABLE && !rowsWritten
                && (createdByMigration || size.known() && size.heapBytes() == 0);
    }

    /** True when no row holds a value in this column: the table is known empty, or the column was added NULL since. */
    public boolean holdsOnlyNulls(String column) {
        return knownEmpty() || column(column).map(Column::onlyNulls).orElse(false);
    }

    /** A statement wrote rows (INSERT, UPDATE, COPY, MERGE): the table and its columns may hold values now. */
    void rowsWritten() {
        rowsWritten = true;
        columns.values().forEach(c -> c.setOnlyNulls(false));
    }

    void copyRowsWritten(Relation from) {
        rowsWritten = from.rowsWritten;
    }

    /** Holds rows that a scan or rewrite must touch: existed before the migration and has storage. */
    public boolean holdsExistingRows() {
        return !createdByMigration && kind.hasStorage();
    }
}
