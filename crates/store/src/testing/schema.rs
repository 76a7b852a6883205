//! The shape of a migrated database, read from the catalogue in terms both
//! backends share, so that a test can compare the two migration trees:
//! tables, columns with a normalised type and nullability, primary keys,
//! unique constraints and indexes (columns, uniqueness, whether partial).

use std::collections::{BTreeMap, BTreeSet};

use sqlx::Row;

use crate::{Backend, Store};

/// One column: its normalised type and whether it may be NULL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ColumnShape {
    pub kind: &'static str,
    pub nullable: bool,
}

/// An index made by `CREATE INDEX` (not one behind a constraint).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexShape {
    pub table: String,
    /// Column names in order; an expression shows as `(expression)`.
    pub columns: Vec<String>,
    pub unique: bool,
    pub partial: bool,
}

/// A migrated schema, keyed by names so that a difference reads plainly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaShape {
    /// `table → column → shape`.
    pub columns: BTreeMap<String, BTreeMap<String, ColumnShape>>,
    /// `table → primary key columns` in key order.
    pub primary_keys: BTreeMap<String, Vec<String>>,
    /// `(table, columns)` of each UNIQUE constraint.
    pub unique_constraints: BTreeSet<(String, Vec<String>)>,
    /// `name → index`.
    pub indexes: BTreeMap<String, IndexShape>,
}

/// The type family a declared type belongs to on either backend.
pub fn normalise_type(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "integer"
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text"
    } else if t.contains("real") || t.contains("double") || t.contains("float") || t == "numeric" {
        "real"
    } else if t.contains("blob") || t == "bytea" {
        "blob"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("json") {
        "json"
    } else {
        "other"
    }
}

fn text(row: &sqlx::any::AnyRow, column: &str) -> String {
    row.try_get::<Option<String>, _>(column)
        .unwrap_or_else(|e| panic!("reading {column}: {e}"))
        .unwrap_or_else(|| "(expression)".to_owned())
}

fn int(row: &sqlx::any::AnyRow, column: &str) -> i64 {
    row.try_get::<i64, _>(column)
        .unwrap_or_else(|e| panic!("reading {column}: {e}"))
}

impl Store {
    /// Reads the schema's shape (tests only: panics on any error).
    pub async fn schema_shape(&self) -> SchemaShape {
        let (tables_sql, columns_sql, indexes_sql, index_columns_sql) = match self.backend {
            Backend::Sqlite => (
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT LIKE '!_sqlx%' ESCAPE '!'",
                "SELECT name, type, \"notnull\" AS not_null, pk FROM pragma_table_info($1)",
                // origin: c = CREATE INDEX, u = UNIQUE constraint, pk = primary key.
                "SELECT name, \"unique\" AS is_unique, partial AS is_partial, \
                 CASE origin WHEN 'c' THEN 'index' WHEN 'u' THEN 'unique' ELSE 'pk' END AS kind \
                 FROM pragma_index_list($1)",
                "SELECT name FROM pragma_index_info($1) ORDER BY seqno",
            ),
            Backend::Postgres => (
                "SELECT table_name::text AS name FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
                 AND table_name NOT LIKE '!_sqlx%' ESCAPE '!'",
                "SELECT c.column_name::text AS name, c.data_type::text AS type, \
                 CASE WHEN c.is_nullable = 'NO' THEN 1 ELSE 0 END::bigint AS not_null, \
                 COALESCE((SELECT k.ordinal_position FROM information_schema.key_column_usage k \
                   JOIN information_schema.table_constraints tc \
                   ON tc.constraint_name = k.constraint_name AND tc.table_schema = k.table_schema \
                   WHERE tc.constraint_type = 'PRIMARY KEY' AND k.table_schema = 'public' \
                   AND k.table_name = c.table_name AND k.column_name = c.column_name), 0)::bigint AS pk \
                 FROM information_schema.columns c \
                 WHERE c.table_schema = 'public' AND c.table_name = $1",
                "SELECT i.relname::text AS name, CASE WHEN ix.indisunique THEN 1 ELSE 0 END::bigint \
                 AS is_unique, CASE WHEN ix.indpred IS NULL THEN 0 ELSE 1 END::bigint AS is_partial, \
                 CASE WHEN ix.indisprimary THEN 'pk' \
                 WHEN EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid) \
                 THEN 'unique' ELSE 'index' END AS kind \
                 FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
                 JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
                 WHERE n.nspname = 'public' AND t.relname = $1",
                "SELECT a.attname::text AS name FROM pg_class i JOIN pg_index ix ON ix.indexrelid = i.oid \
                 CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
                 LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum \
                 WHERE i.relname = $1 ORDER BY k.ord",
            ),
        };
        let pool = &self.pool;
        let mut shape = SchemaShape::default();
        let tables = sqlx::query(tables_sql)
            .fetch_all(pool)
            .await
            .unwrap_or_else(|e| panic!("listing tables: {e}"));
        for table in tables.iter().map(|row| text(row, "name")) {
            let mut keys: Vec<(i64, String)> = Vec::new();
            let mut columns = BTreeMap::new();
            let rows = sqlx::query(columns_sql)
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap_or_else(|e| panic!("columns of {table}: {e}"));
            for row in &rows {
                let name = text(row, "name");
                let pk = int(row, "pk");
                if pk > 0 {
                    keys.push((pk, name.clone()));
                }
                // A primary key column is never NULL, whatever SQLite's
                // catalogue says of an INTEGER PRIMARY KEY.
                let nullable = int(row, "not_null") == 0 && pk == 0;
                let kind = normalise_type(&text(row, "type"));
                columns.insert(name, ColumnShape { kind, nullable });
            }
            keys.sort();
            shape
                .primary_keys
                .insert(table.clone(), keys.into_iter().map(|(_, c)| c).collect());
            shape.columns.insert(table.clone(), columns);
            let indexes = sqlx::query(indexes_sql)
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap_or_else(|e| panic!("indexes of {table}: {e}"));
            for row in &indexes {
                let name = text(row, "name");
                let columns: Vec<String> = sqlx::query(index_columns_sql)
                    .bind(&name)
                    .fetch_all(pool)
                    .await
                    .unwrap_or_else(|e| panic!("columns of index {name}: {e}"))
                    .iter()
                    .map(|row| text(row, "name"))
                    .collect();
                match text(row, "kind").as_str() {
                    "index" => {
                        shape.indexes.insert(
                            name,
                            IndexShape {
                                table: table.clone(),
                                columns,
                                unique: int(row, "is_unique") == 1,
                                partial: int(row, "is_partial") == 1,
                            },
                        );
                    }
                    "unique" => {
                        shape.unique_constraints.insert((table.clone(), columns));
                    }
                    // Primary keys are compared by their columns above.
                    _ => {}
                }
            }
        }
        shape
    }
}
