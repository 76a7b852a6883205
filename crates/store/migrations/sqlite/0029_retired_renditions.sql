-- Renditions replaced by a newer crop or credit line. Pages rendered (and
-- cached by a CDN, or open in a browser) before the change still name the
-- old files, so they stay servable for a while: housekeeping removes the
-- row and the file once `retired_at` is old enough.
CREATE TABLE retired_renditions (
    storage_key TEXT    NOT NULL,
    media_id    INTEGER NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    retired_at  INTEGER NOT NULL,
    PRIMARY KEY (storage_key, media_id)
);
CREATE INDEX retired_renditions_at ON retired_renditions (retired_at);
