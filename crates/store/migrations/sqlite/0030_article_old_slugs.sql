-- Addresses a published story had before its slug changed: the reader
-- site answers them with 301 to where the story lives now. Slugs are
-- unique per edition, so an old one is too; the story owning a slug now
-- always wins over an old address.
CREATE TABLE article_old_slugs (
    edition_id INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    slug       TEXT    NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (edition_id, slug)
);
CREATE INDEX article_old_slugs_article ON article_old_slugs (article_id);
