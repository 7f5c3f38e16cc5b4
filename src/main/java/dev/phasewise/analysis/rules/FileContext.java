package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What lives for the whole file: its name, the version analysed for, the schema as the
 * migration leaves it (at the end), the transaction state, and small per-rule memories that
 * file-level checks need (for example the foreign keys added, to look for their indexes).
 */
public final class FileContext {
    private final String file;
    private final PgVersion version;
    private SchemaModel schema;
    private TransactionState tx;
    private final Map<Class<?>, Object> memory = new HashMap<>();
    private final StatementUnits units;

    public FileContext(String file, PgVersion version) {
        this(file, version, StatementUnits.WHOLE_FILE);
    }

    public FileContext(String file, PgVersion version, StatementUnits units) {
        this.file = file;
        this.version = version;
        this.units = units;
    }

    /** Which statements belong together, and how messages name them. */
    public StatementUnits units() {
        return units;
    }

    public String file() {
        return file;
    }

    public PgVersion version() {
        return version;
    }

    public SchemaModel schema() {
        return schema;
    }

    public TransactionState tx() {
        return tx;
    }

    public void finish(SchemaModel finalSchema, TransactionState finalTx) {
        this.schema = finalSchema;
        this.tx = finalTx;
    }

    /** A rule's memory for this file, created on first use. */
    @SuppressWarnings("unchecked")
    public <T> T memory(Class<T> type, Supplier<T> create) {
        return (T) memory.computeIfAbsent(type, k -> create.get());
    }
}
