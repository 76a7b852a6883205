-- Bylines managed in the newsroom (issue 12): a photo (a media-bank
-- picture, released to the bank when chosen), links to the author's other
-- pages (a JSON array of addresses), the staff account the byline belongs
-- to (at most one author per account), and the editions the author writes
-- for: a story's byline is chosen from its edition's authors.
ALTER TABLE authors ADD COLUMN photo_media_id INTEGER REFERENCES media_assets (id);
ALTER TABLE authors ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
ALTER TABLE authors ADD COLUMN user_id INTEGER REFERENCES users (id);
CREATE UNIQUE INDEX authors_user ON authors (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE author_editions (
    author_id  INTEGER NOT NULL REFERENCES authors (id),
    edition_id INTEGER NOT NULL REFERENCES editions (id),
    PRIMARY KEY (edition_id, author_id)
);

-- Existing bylines keep the editions they have written in.
INSERT INTO author_editions (author_id, edition_id)
SELECT DISTINCT aa.author_id, a.edition_id
FROM article_authors aa JOIN articles a ON a.id = aa.article_id;
