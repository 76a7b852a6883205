-- Live coverage: an article whose timestamped entries editors post while a
-- story unfolds. Times are Unix seconds; flags are 0/1 integers.
--
-- `live_coverage.seq` numbers the changes of one article's coverage: every
-- write (the coverage opened or ended, an entry posted, edited, pinned,
-- unpinned or deleted) takes the next number in its transaction, by
-- updating this row first. The row lock makes the writes of one article
-- commit in the order of their numbers, so "everything after n" is an exact
-- resume position for streams: nothing missed, nothing twice.

CREATE TABLE live_coverage (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL CHECK (status IN ('open', 'ended')),
    -- The last change's number, and the number of the last status change.
    seq         INTEGER NOT NULL DEFAULT 0,
    status_seq  INTEGER NOT NULL DEFAULT 0,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER
);

CREATE TABLE live_entries (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- What the editor typed (limited Markdown, as comments) and its sanitised HTML.
    body_source    TEXT    NOT NULL,
    body_html      TEXT    NOT NULL,
    author_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    posted_at      INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    deleted_at     INTEGER,
    -- The coverage change that last touched the entry.
    seq            INTEGER NOT NULL
);
-- The page's list, newest first.
CREATE INDEX live_entries_article ON live_entries (article_id, posted_at, id);
-- What changed after a stream's position.
CREATE INDEX live_entries_seq ON live_entries (article_id, seq);
