-- Imports (issue 17): what an import wrote, found again by the source's
-- own ids, so that a second run changes nothing and an updated export
-- brings only its changes; the old addresses of imported stories; and the
-- names of commenters who had no account.
--
-- `source` names the export's site ("wordpress https://old.example/");
-- `kind` what was written; `target_id` the row it became; `fingerprint`
-- a hash of what the source said, empty while the import of that record
-- is not finished.
CREATE TABLE import_items (
    source      TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('article', 'author', 'comment', 'picture', 'section', 'tag')),
    source_key  TEXT    NOT NULL,
    target_id   INTEGER NOT NULL,
    fingerprint TEXT    NOT NULL DEFAULT '',
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (source, kind, source_key)
);
CREATE INDEX import_items_target ON import_items (kind, target_id);

-- An old address (path and query, as the old site had it) of a story: the
-- reader site answers it with 301 to the story's address.
CREATE TABLE redirects (
    path       TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX redirects_article ON redirects (article_id);

-- A comment brought in from another system, by someone without an account
-- here: the name shown instead of the (placeholder) reader's.
ALTER TABLE comments ADD COLUMN guest_name TEXT;

-- Imports started from the newsroom: the uploaded file (under the
-- node's `{data_dir}/imports/` while the run lasts), how far it is (`done` of `total`
-- posts, written every second while it runs, so a run whose `updated_at`
-- stops moving has died with its node) and, at the end, the report.
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    format      TEXT    NOT NULL CHECK (format IN ('wordpress', 'ghost')),
    file_name   TEXT    NOT NULL,
    stored_as   TEXT    NOT NULL,
    edition_id  INTEGER NOT NULL REFERENCES editions (id),
    options     TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
    total       INTEGER NOT NULL DEFAULT 0,
    done        INTEGER NOT NULL DEFAULT 0,
    report      TEXT    NOT NULL DEFAULT '',
    error       TEXT    NOT NULL DEFAULT '',
    started_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
