-- Dateline content model (SQLite). Times are Unix seconds (INTEGER) on both
-- backends so that ordering and cursors behave the same.

CREATE TABLE media_assets (
    id            INTEGER PRIMARY KEY,
    storage_key   TEXT    NOT NULL,
    format        TEXT    NOT NULL,
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    byte_size     INTEGER NOT NULL,
    sha256        TEXT    NOT NULL UNIQUE,
    caption       TEXT    NOT NULL DEFAULT '',
    alt_text      TEXT    NOT NULL DEFAULT '',
    credit        TEXT    NOT NULL DEFAULT '',
    copyright     TEXT    NOT NULL DEFAULT '',
    source        TEXT    NOT NULL DEFAULT '',
    is_file_photo INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    edition_id    INTEGER,
    section_id    INTEGER,
    usage_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX media_assets_created ON media_assets (created_at DESC, id DESC);
CREATE INDEX media_assets_section ON media_assets (section_id, created_at DESC, id DESC);

CREATE TABLE media_renditions (
    media_id    INTEGER NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    format      TEXT    NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    storage_key TEXT    NOT NULL,
    byte_size   INTEGER NOT NULL,
    PRIMARY KEY (media_id, format, width)
);

CREATE TABLE editions (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    direction     TEXT    NOT NULL CHECK (direction IN ('ltr', 'rtl')),
    time_zone     TEXT    NOT NULL,
    date_format   TEXT    NOT NULL,
    logo_media_id INTEGER REFERENCES media_assets (id),
    position      INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sections (
    id            INTEGER PRIMARY KEY,
    edition_id    INTEGER NOT NULL REFERENCES editions (id),
    slug          TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (edition_id, slug)
);

CREATE TABLE authors (
    id            INTEGER PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    bio           TEXT    NOT NULL DEFAULT '',
    article_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
    id            INTEGER PRIMARY KEY,
    edition_id    INTEGER NOT NULL REFERENCES editions (id),
    slug          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    article_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (edition_id, slug)
);

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY,
    edition_id        INTEGER NOT NULL REFERENCES editions (id),
    section_id        INTEGER NOT NULL REFERENCES sections (id),
    slug              TEXT    NOT NULL,
    headline          TEXT    NOT NULL,
    lead              TEXT    NOT NULL DEFAULT '',
    body              TEXT    NOT NULL DEFAULT '[]',
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'in_review', 'scheduled', 'published', 'corrected', 'unpublished')),
    is_public         INTEGER NOT NULL DEFAULT 0,
    published_at      INTEGER,
    updated_at        INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    lead_media_id     INTEGER REFERENCES media_assets (id),
    translation_group INTEGER NOT NULL,
    comment_count     INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    UNIQUE (edition_id, slug)
);
-- Listing indexes cover only what readers can see; `is_public` mirrors
-- status IN ('published', 'corrected') and is kept by the store.
CREATE INDEX articles_edition_feed ON articles (edition_id, published_at DESC, id DESC) WHERE is_public = 1;
CREATE INDEX articles_section_feed ON articles (section_id, published_at DESC, id DESC) WHERE is_public = 1;
CREATE INDEX articles_translation ON articles (translation_group);
CREATE INDEX articles_status ON articles (edition_id, status, updated_at DESC);
-- Sitemaps page through an edition's public articles by id.
CREATE INDEX articles_edition_sitemap ON articles (edition_id, id) WHERE is_public = 1;

-- Join tables carry the article's publication time and visibility so that
-- tag and author pages are one index range scan at any archive size.
CREATE TABLE article_authors (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id    INTEGER NOT NULL REFERENCES authors (id),
    position     INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER,
    is_public    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_feed ON article_authors (author_id, published_at DESC, article_id DESC) WHERE is_public = 1;

CREATE TABLE article_tags (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id       INTEGER NOT NULL REFERENCES tags (id),
    position     INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER,
    is_public    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_feed ON article_tags (tag_id, published_at DESC, article_id DESC) WHERE is_public = 1;

-- Every media asset an article uses (lead picture and body images), whatever
-- the article's status; `media_assets.usage_count` counts these rows.
CREATE TABLE article_media (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    media_id   INTEGER NOT NULL REFERENCES media_assets (id),
    PRIMARY KEY (article_id, media_id)
);
CREATE INDEX article_media_usage ON article_media (media_id, article_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('reader', 'contributor', 'author', 'editor', 'admin')),
    password_hash TEXT,
    created_at    INTEGER NOT NULL
);
-- Addresses are unique whatever their case.
CREATE UNIQUE INDEX users_email ON users (lower(email));
