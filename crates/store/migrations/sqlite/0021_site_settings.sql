-- Site-wide settings (issue 12): one row (id 1), written by admins in the
-- newsroom or the Admin API, each change audited (`site.settings`). No row,
-- or NULL and empty values, mean "not set": each edition's own name stands
-- for the site's, `/` picks an edition by the browser's language, and the
-- footer shows no social links or contact. `social_links` is a JSON array
-- of {"label", "url"} objects, checked by the domain before it is written.
CREATE TABLE site_settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    site_name          TEXT,
    default_edition_id INTEGER REFERENCES editions (id) ON DELETE SET NULL,
    social_links       TEXT    NOT NULL DEFAULT '[]',
    contact_email      TEXT,
    contact_text       TEXT    NOT NULL DEFAULT '',
    updated_at         INTEGER NOT NULL
);
