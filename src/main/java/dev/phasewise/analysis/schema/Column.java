package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.TypeName;

/** A column as the schema model knows it. */
public final class Column {
    private final String name;
    private TypeName type;
    private boolean notNull;
    private String defaultSql;
    private final boolean addedByMigration;
    private boolean onlyNulls;

    public Column(String name, TypeName type, boolean notNull, String defaultSql) {
        this(name, type, notNull, defaultSql, false);
    }

    /**
     * @param addedByMigration the migration being analysed added it: no deployed code reads or
     *                         writes it yet, so renaming or dropping it breaks nothing
     */
    public Column(String name, TypeName type, boolean notNull, String defaultSql, boolean addedByMigration) {
        this.name = name;
        this.type = type;
        this.notNull = notNull;
        this.defaultSql = defaultSql;
        this.addedByMigration = addedByMigration;
    }

    public String name() {
        return name;
    }

    public TypeName type() {
        return type;
    }

    public boolean notNull() {
        return notNull;
    }

    public String defaultSql() {
        return defaultSql;
    }

    public boolean addedByMigration() {
        return addedByMigration;
    }

    /**
     * True when every row holds NULL here: the column was added to an existing table without a
     * default and nothing has written the table since. A foreign key on it has no row to check.
     */
    public boolean onlyNulls() {
        return onlyNulls;
    }

    void setOnlyNulls(boolean onlyNulls) {
        this.onlyNulls = onlyNulls;
    }

    void setType(TypeName type) {
        this.type = type;
    }

    void setNotNull(boolean notNull) {
        this.notNull = notNull;
    }

    void setDefault(String defaultSql) {
        this.defaultSql = defaultSql;
    }

    Column copy(String newName) {
        Column c = new Column(newName, type, notNull, defaultSql, addedByMigration);
        c.onlyNulls = onlyNulls;
        return c;
    }
}
