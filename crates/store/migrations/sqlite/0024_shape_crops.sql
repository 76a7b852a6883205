-- Crops of fixed shapes (16:9 cards, 4:3 tiles, squares), as JSON
-- `{"wide": {"left": …, "top": …, "width": …, "height": …}, …}`; a shape left
-- out is cut from the crop around the focal point. Each shape has
-- renditions of its own: `shape` names it ('' for the crop's own).
ALTER TABLE media_assets ADD COLUMN shape_crops TEXT NOT NULL DEFAULT '{}';

CREATE TABLE media_renditions_next (
    media_id    INTEGER NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    shape       TEXT    NOT NULL DEFAULT '',
    format      TEXT    NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    storage_key TEXT    NOT NULL,
    byte_size   INTEGER NOT NULL,
    PRIMARY KEY (media_id, shape, format, width)
);
INSERT INTO media_renditions_next (media_id, shape, format, width, height, storage_key, byte_size)
    SELECT media_id, '', format, width, height, storage_key, byte_size FROM media_renditions;
DROP TABLE media_renditions;
ALTER TABLE media_renditions_next RENAME TO media_renditions;
CREATE INDEX media_renditions_key ON media_renditions (storage_key);
