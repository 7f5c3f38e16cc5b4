package dev.phasewise.ui.model;

import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.django.DjangoMigration;

/**
 * Where a document opened from a Django project comes from: the project as listed, the migration, and
 * the schema it is analysed against (every earlier migration of the plan, as {@code django lint} does),
 * computed once when it was opened.
 */
public record DjangoSource(DjangoProjectListing project, DjangoMigration migration, SchemaModel schemaBefore) {
    /** {@code articles.0005_backfill_summary.sql}: the document's name, the SQL sqlmigrate prints for it. */
    public String documentName() {
        return migration.label() + ".sql";
    }
}
