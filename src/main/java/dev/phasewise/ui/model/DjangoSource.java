package dev.phasewise.ui.model;

import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.django.DjangoMigration;

/**
 * Where a document opened from a Django project comes from: the project as listed, the migration, and
 * the schema it is analysed against (every earlier migration of the plan, as {@code django lint} does),
 * computed once when it was opened.
 */
public record DjangoSource(DjangoProjectListing project, DjangoMigration migration, SchemaModel schemaBefore) {
    /**
     * A fresh copy of {@link #schemaBefore()}, each table in it sized as the connected database's catalog sizes
     * it (when it has that table): the structure is the earlier migrations', as {@code django lint} has it, the
     * rows and bytes are the database's, so that the lock panel and Make it safe's before / after say how long.
     *
     * @param catalog the connected database's schema, or null
     */
    public SchemaModel schemaSizedBy(SchemaModel catalog) {
        SchemaModel schema = schemaBefore.copy();
        if (catalog != null) {
            for (Relation r : schema.relations()) {
                catalog.find(r.name()).ifPresent(c -> r.setSize(c.size()));
            }
        }
        return schema;
    }

    /** {@code articles.0005_backfill_summary.sql}: the document's name, the SQL sqlmigrate prints for it. */
    public String documentName() {
        return migration.label() + ".sql";
    }
}
