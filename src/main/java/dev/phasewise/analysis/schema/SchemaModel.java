package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.NameResolver;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TypeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Phasewise knows of a database's schema: relations with their columns and constraints,
 * indexes, and the volatility of user functions. Schema files or a live catalog fill it before
 * a migration is analysed; the migration's own statements then change it as they go.
 * It never opens a connection: the {@code db} package fills it from the catalog.
 */
public final class SchemaModel {
    private final Map<QualifiedName.Key, Relation> relations = new LinkedHashMap<>();
    private final Map<QualifiedName.Key, Index> indexes = new LinkedHashMap<>();
    private final Map<String, String> functionVolatility = new HashMap<>();
    private final Set<String> enumTypes = new HashSet<>();
    private final Set<String> constrainedDomains = new HashSet<>();
    private final Map<String, TypeName> domainBases = new HashMap<>();
    private boolean complete;
    private SearchPath searchPath = SearchPath.DEFAULT;

    // Lookups derived from the maps above, built on first use and dropped on any change, so that
    // a migration of many statements over many tables stays linear.
    private Map<QualifiedName.Key, List<Relation>> childrenByParent;
    private final Map<QualifiedName.Key, List<Index>> indexesByTable = new HashMap<>();
    // Referenced table -> relations that have (or had) a foreign key to it. Entries may be stale
    // (the key was dropped since): foreignKeysReferencing reads the current constraints, so
    // dropping, validating or renaming a constraint needs no bookkeeping here.
    private Map<QualifiedName.Key, Set<Relation>> referencersByTable;

    /**
     * Marks the model as the whole database (it was read from the catalog): a relation it lacks
     * does not exist, so IF EXISTS on it does nothing. A model from schema files, or an empty
     * one, may lack relations the server has: Phasewise takes those to exist.
     */
    public void markComplete() {
        complete = true;
    }

    public boolean complete() {
        return complete;
    }

    /**
     * The search_path unqualified names are resolved through: the database's own with a model read
     * from the catalog, {@code --search-path} when given; the analysis moves it as the migration's
     * SET search_path statements do.
     */
    public SearchPath searchPath() {
        return searchPath;
    }

    public void setSearchPath(SearchPath searchPath) {
        this.searchPath = searchPath;
    }

    /** How a statement parsed now names things: through the search path, against the objects of this model. */
    public NameResolver names() {
        return searchPath.isDefault() ? NameResolver.AS_WRITTEN : new PathNames(this, searchPath);
    }

    /** Drops the derived lookup of parents; call after attaching, detaching or inheriting. */
    public void parentsChanged() {
        childrenByParent = null;
    }

    private void namesChanged() {
        childrenByParent = null;
        referencersByTable = null;
    }

    public Optional<Relation> find(QualifiedName name) {
        return Optional.ofNullable(relations.get(name.key()));
    }

    /**
     * The relation of that name; one that nothing declared is taken to exist as a table with
     * rows (and is remembered, so that later statements see the same object).
     */
    public Relation resolve(QualifiedName name) {
        Relation r = relations.get(name.key());
        if (r == null) {
            // a new relation without parents or foreign keys: the derived lookups stay right
            r = new Relation(name, RelationKind.TABLE, false, false);
            relations.put(name.key(), r);
        }
        return r;
    }

    public void put(Relation relation) {
        Relation old = relations.put(relation.name().key(), relation);
        if (old != null) {
            namesChanged();
            return;
        }
        // a new relation: extend the derived lookups instead of rebuilding them
        if (childrenByParent != null) {
            for (QualifiedName p : relation.parents()) {
                childrenByParent.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(relation);
            }
        }
        for (Constraint c : relation.constraints()) {
            noteForeignKey(relation, c);
        }
    }

    /** Records a constraint just added to a relation in the model (foreign keys feed a lookup). */
    public void noteForeignKey(Relation table, Constraint c) {
        if (referencersByTable != null && c.kind() == ConstraintKind.FOREIGN_KEY) {
            referencersByTable.computeIfAbsent(c.references().table().key(), k -> new LinkedHashSet<>()).add(table);
        }
    }

    public void remove(QualifiedName name) {
        relations.remove(name.key());
        indexes.values().removeIf(i -> i.table().key().equals(name.key()));
        indexesByTable.remove(name.key());
        namesChanged();
    }

    public void rename(Relation relation, QualifiedName newName) {
        QualifiedName.Key oldKey = relation.name().key();
        relations.remove(oldKey);
        relation.rename(newName);
        relations.put(newName.key(), relation);
        for (Map.Entry<QualifiedName.Key, Index> e : new ArrayList<>(indexes.entrySet())) {
            Index i = e.getValue();
            if (i.table().key().equals(oldKey)) {
                e.setValue(i.with(i.name(), newName, i.columns(), i.valid()));
            }
        }
        rebuildIndexesByTable();
        for (Relation r : relations.values()) {
            r.parents().replaceAll(p -> p.key().equals(oldKey) ? newName : p);
            r.reads().replaceAll(p -> p.key().equals(oldKey) ? newName : p);
        }
        namesChanged();
    }

    public List<Relation> relations() {
        return List.copyOf(relations.values());
    }

    /** Direct children by partitioning or inheritance. */
    public List<Relation> childrenOf(Relation parent) {
        if (childrenByParent == null) {
            Map<QualifiedName.Key, List<Relation>> m = new HashMap<>();
            for (Relation r : relations.values()) {
                for (QualifiedName p : r.parents()) {
                    m.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(r);
                }
            }
            childrenByParent = m;
        }
        return childrenByParent.getOrDefault(parent.name().key(), List.of());
    }

    /** All descendants, depth first (partitions of partitions included). */
    public List<Relation> descendantsOf(Relation parent) {
        List<Relation> out = new ArrayList<>();
        for (Relation child : childrenOf(parent)) {
            if (!out.contains(child)) {
                out.add(child);
                out.addAll(descendantsOf(child));
            }
        }
        return out;
    }

    public Optional<Relation> defaultPartitionOf(Relation parent) {
        return childrenOf(parent).stream().filter(Relation::isDefaultPartition).findFirst();
    }

    /** Foreign keys elsewhere that reference this table. */
    public List<ForeignKeyUse> foreignKeysReferencing(Relation table) {
        if (referencersByTable == null) {
            Map<QualifiedName.Key, Set<Relation>> m = new HashMap<>();
            for (Relation r : relations.values()) {
                for (Constraint c : r.constraints()) {
                    if (c.kind() == ConstraintKind.FOREIGN_KEY) {
                        m.computeIfAbsent(c.references().table().key(), k -> new LinkedHashSet<>()).add(r);
                    }
                }
            }
            referencersByTable = m;
        }
        QualifiedName.Key key = table.name().key();
        List<ForeignKeyUse> out = new ArrayList<>();
        for (Relation r : referencersByTable.getOrDefault(key, Set.of())) {
            if (relations.get(r.name().key()) != r) {
                continue; // dropped or replaced since
            }
            for (Constraint c : r.constraints()) {
                if (c.kind() == ConstraintKind.FOREIGN_KEY && c.references().table().key().equals(key)) {
                    out.add(new ForeignKeyUse(r, c));
                }
            }
        }
        return out;
    }

    /** A foreign key constraint together with the table that holds it. */
    public record ForeignKeyUse(Relation table, Constraint constraint) {
    }

    // ---------------------------------------------------------------- indexes

    public void putIndex(Index index) {
        Index old = indexes.put(indexKey(index.name(), index.table()), index);
        if (old != null) {
            indexesByTable.getOrDefault(old.table().key(), new ArrayList<>()).remove(old);
        }
        indexesByTable.computeIfAbsent(index.table().key(), k -> new ArrayList<>()).add(index);
    }

    private void rebuildIndexesByTable() {
        indexesByTable.clear();
        for (Index i : indexes.values()) {
            indexesByTable.computeIfAbsent(i.table().key(), k -> new ArrayList<>()).add(i);
        }
    }

    public Optional<Index> findIndex(QualifiedName name) {
        Index i = indexes.get(name.key());
        return Optional.ofNullable(i);
    }

    /**
     * True when CREATE INDEX IF NOT EXISTS {@code name} ON {@code table} finds its name taken: an index
     * goes into its table's schema, so that is where the name is looked up.
     */
    public boolean indexNameTaken(QualifiedName table, String name) {
        return name != null && findIndex(new QualifiedName(table.schema(), name)).isPresent();
    }

    public void removeIndex(QualifiedName name) {
        Index old = indexes.remove(name.key());
        if (old != null) {
            indexesByTable.getOrDefault(old.table().key(), new ArrayList<>()).remove(old);
        }
    }

    public List<Index> indexesOn(Relation table) {
        // a copy: callers remove indexes while they go through them (DROP COLUMN drops the indexes on it)
        return List.copyOf(indexesByTable.getOrDefault(table.name().key(), List.of()));
    }

    /** Index names live in their table's schema. */
    private static QualifiedName.Key indexKey(QualifiedName index, QualifiedName table) {
        if (index.schema() == null && table.schema() != null) {
            return new QualifiedName(table.schema(), index.name()).key();
        }
        return index.key();
    }

    // ---------------------------------------------------------------- types and functions

    public void putFunction(QualifiedName name, String volatility) {
        functionVolatility.put(name.name(), volatility);
    }

    /** "immutable", "stable", "volatile", or null when the schema does not declare the function. */
    public String functionVolatility(String name) {
        int dot = name.lastIndexOf('.');
        return functionVolatility.get(dot < 0 ? name : name.substring(dot + 1));
    }

    public void putEnum(QualifiedName name) {
        enumTypes.add(typeKey(name));
    }

    /** Types are looked up by the name a column's type is written with: "name", or "schema.name" outside public. */
    static String typeKey(QualifiedName name) {
        return name.schema() == null || "public".equals(name.schema()) ? name.name() : name.schema() + "." + name.name();
    }

    /** True when the model declares a type (an enum or a domain) under this key. */
    public boolean hasType(String typeKey) {
        return enumTypes.contains(typeKey) || domainBases.containsKey(typeKey) || constrainedDomains.contains(typeKey);
    }

    public boolean isEnum(String typeKey) {
        return enumTypes.contains(typeKey);
    }

    /** A domain and the type it is over. */
    public void putDomain(QualifiedName name, TypeName base) {
        domainBases.put(typeKey(name), base);
    }

    /** The type a domain is over, by the name a column's type is written with; empty for a type that is not a domain. */
    public Optional<TypeName> domainBase(String typeKey) {
        return Optional.ofNullable(domainBases.get(typeKey));
    }

    public void putConstrainedDomain(QualifiedName name) {
        constrainedDomains.add(typeKey(name));
    }

    public boolean isConstrainedDomain(String typeKey) {
        return constrainedDomains.contains(typeKey);
    }

    /** A deep copy, so that one base schema can serve many independent analyses. */
    public SchemaModel copy() {
        SchemaModel m = new SchemaModel();
        for (Relation r : relations.values()) {
            Relation c = new Relation(r.name(), r.kind(), r.createdByMigration(), r.declared());
            r.columns().forEach((k, v) -> c.columns().put(k, v.copy(v.name())));
            c.constraints().addAll(r.constraints());
            c.parents().addAll(r.parents());
            c.reads().addAll(r.reads());
            if (r.isPartition()) {
                c.markPartition(r.isDefaultPartition());
            }
            c.setSize(r.size());
            c.setPartitionKey(r.partitionKey());
            c.copyRowsWritten(r);
            m.relations.put(k(c), c);
        }
        m.indexes.putAll(indexes);
        m.rebuildIndexesByTable();
        m.functionVolatility.putAll(functionVolatility);
        m.enumTypes.addAll(enumTypes);
        m.constrainedDomains.addAll(constrainedDomains);
        m.domainBases.putAll(domainBases);
        m.complete = complete;
        m.searchPath = searchPath;
        return m;
    }

    private static QualifiedName.Key k(Relation r) {
        return r.name().key();
    }
}
