-- Wire ingest (issue 17): the sources a desk takes copy from, the items
-- they delivered (the "Wires" queue), and the drafts made from items.
--
-- A source is a folder to watch or an address to poll. `etag` and
-- `last_modified` are what the address answered last (sent back as
-- If-None-Match / If-Modified-Since). `next_poll_at` says when it is due;
-- `claimed_until` is set by the node polling it, so that one node at a
-- time does.
CREATE TABLE wire_sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL CHECK (kind IN ('folder', 'url')),
    location      TEXT    NOT NULL,
    poll_seconds  INTEGER NOT NULL,
    enabled       INTEGER NOT NULL DEFAULT 1,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    next_poll_at  INTEGER NOT NULL DEFAULT 0,
    claimed_until INTEGER,
    last_polled_at INTEGER,
    last_ok_at    INTEGER,
    last_error    TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);

-- One item per source and provider id (`guid`), at its latest version.
-- `content_key` is a hash of the folded headline and body text: items
-- with the same key are the same copy (`duplicate_of` points at the first
-- one seen). `search_text` is the folded text the queue's search matches.
-- Lists (subjects, pictures, alternative ids) are JSON.
CREATE TABLE wire_items (
    id              INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES wire_sources (id) ON DELETE CASCADE,
    guid            TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    format          TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    pub_status      TEXT    NOT NULL,
    headline        TEXT    NOT NULL,
    lead            TEXT    NOT NULL,
    body_html       TEXT    NOT NULL,
    byline          TEXT    NOT NULL,
    credit          TEXT    NOT NULL,
    copyright       TEXT    NOT NULL,
    usage_terms     TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    urgency         INTEGER,
    subjects        TEXT    NOT NULL,
    link            TEXT    NOT NULL,
    pictures        TEXT    NOT NULL,
    alt_ids         TEXT    NOT NULL,
    provider        TEXT    NOT NULL,
    first_created   INTEGER,
    version_created INTEGER,
    embargoed_until INTEGER,
    received_at     INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    content_key     TEXT    NOT NULL,
    duplicate_of    INTEGER REFERENCES wire_items (id) ON DELETE SET NULL,
    search_text     TEXT    NOT NULL,
    UNIQUE (source_id, guid)
);
CREATE INDEX wire_items_queue ON wire_items (updated_at DESC, id DESC);
CREATE INDEX wire_items_content ON wire_items (content_key);

-- A story begun from a wire item, with what it came from kept on the
-- story even if the item or its source is later removed. `item_version`
-- is the version the draft took: a higher one on the item flags the draft.
CREATE TABLE wire_drafts (
    article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    item_id      INTEGER REFERENCES wire_items (id) ON DELETE SET NULL,
    source_name  TEXT    NOT NULL,
    guid         TEXT    NOT NULL,
    item_version INTEGER NOT NULL,
    credit       TEXT    NOT NULL,
    alt_ids      TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX wire_drafts_item ON wire_drafts (item_id);
