-- The search change log: every write that changes what an article or
-- picture search document holds (or whether it is public) adds a row in
-- its own transaction, and each node's indexer reads the rows after the
-- last `seq` it applied. Writers take a transaction-level advisory lock
-- just before inserting (`dateline_store::search`), so rows commit in
-- `seq` order: a reader that has seen `seq` N never later finds a smaller
-- one appear. 'rebuild' (entity_id 0) asks every node to index everything
-- again, after a bulk load. Rows older than a week are pruned by the
-- hourly housekeeping.
CREATE TABLE search_changes (
    seq        BIGSERIAL PRIMARY KEY,
    entity     TEXT   NOT NULL
               CHECK (entity IN ('article', 'media', 'author', 'tag', 'section', 'rebuild')),
    entity_id  BIGINT NOT NULL,
    changed_at BIGINT NOT NULL
);
