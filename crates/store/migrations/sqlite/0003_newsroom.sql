-- The newsroom's workflow: scheduled publication, who created an article,
-- a revision for every save, and dated correction notes.

ALTER TABLE articles ADD COLUMN scheduled_at INTEGER;
ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users (id);
-- The scheduler's only query: scheduled articles that are due.
CREATE INDEX articles_due ON articles (scheduled_at, id) WHERE status = 'scheduled';

-- A snapshot of the article's editable fields after every save, as JSON.
-- Autosaves by the same person in a row update one revision instead of
-- piling up.
CREATE TABLE article_revisions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('created', 'saved', 'autosaved', 'status', 'restored', 'corrected', 'published_by_schedule')),
    content    TEXT    NOT NULL,
    saved_by   INTEGER REFERENCES users (id),
    saved_at   INTEGER NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, id DESC);

CREATE TABLE article_corrections (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    note       TEXT    NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX article_corrections_article ON article_corrections (article_id, id);
