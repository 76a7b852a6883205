-- The search change log: every write that changes what an article or
-- picture search document holds (or whether it is public) adds a row in
-- its own transaction, and each node's indexer reads the rows after the
-- last `seq` it applied. AUTOINCREMENT keeps a number from ever being
-- given twice, even after pruning emptied the end of the table. SQLite
-- serialises writers (BEGIN IMMEDIATE), so rows commit in `seq` order.
-- 'rebuild' (entity_id 0) asks every node to index everything again, after
-- a bulk load. Rows older than a week are pruned by the hourly housekeeping.
CREATE TABLE search_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    entity     TEXT    NOT NULL
               CHECK (entity IN ('article', 'media', 'author', 'tag', 'section', 'rebuild')),
    entity_id  INTEGER NOT NULL,
    changed_at INTEGER NOT NULL
);
