package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.NameResolver;
import dev.phasewise.analysis.sql.QualifiedName;

/**
 * Names resolved as PostgreSQL resolves them under a search_path other than the default: an
 * existing object is the first of the path's schemas that holds the name (a table, view, sequence,
 * index or type, which share a namespace per schema), a new one goes into the path's first schema.
 * A name the model lacks in every schema is taken to be (or to become) the first schema's, as the
 * server would create it there; a name in public keeps its unqualified spelling, so that output
 * reads as before wherever the path still leads to public.
 */
final class PathNames implements NameResolver {
    private final SchemaModel model;
    private final SearchPath path;

    PathNames(SchemaModel model, SearchPath path) {
        this.model = model;
        this.path = path;
    }

    @Override
    public QualifiedName existing(QualifiedName written) {
        if (written.schema() != null) {
            return written;
        }
        for (String schema : path.schemas()) {
            QualifiedName candidate = named(schema, written.name());
            if (model.find(candidate).isPresent() || model.findIndex(candidate).isPresent()
                    || model.hasType(SchemaModel.typeKey(candidate))) {
                return candidate;
            }
        }
        return created(written);
    }

    @Override
    public QualifiedName created(QualifiedName written) {
        String schema = path.creationSchema();
        return written.schema() != null || schema == null ? written : named(schema, written.name());
    }

    @Override
    public String type(String written) {
        for (String schema : path.schemas()) {
            String key = SchemaModel.typeKey(named(schema, written));
            if (model.hasType(key)) {
                return key;
            }
        }
        return written;
    }

    private static QualifiedName named(String schema, String name) {
        return "public".equals(schema) ? QualifiedName.of(name) : new QualifiedName(schema, name);
    }
}
