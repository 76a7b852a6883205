-- Front-page curation: editors arrange an edition's front page. One row
-- per arranged edition carries the version two editors' saves are checked
-- against; top slots are ordered (position 0 is the lead story); pins are
-- ordered per section and shown first in that section's block. Anything
-- not arranged is filled in newest first by the reader site.
CREATE TABLE front_pages (
    edition_id  INTEGER PRIMARY KEY REFERENCES editions (id),
    version     INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE front_slots (
    edition_id  INTEGER NOT NULL REFERENCES editions (id),
    position    INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (edition_id, position)
);
CREATE INDEX front_slots_article ON front_slots (article_id);

CREATE TABLE front_pins (
    section_id  INTEGER NOT NULL REFERENCES sections (id),
    position    INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (section_id, position)
);
CREATE INDEX front_pins_article ON front_pins (article_id);
