-- Crops of fixed shapes (16:9 cards, 4:3 tiles, squares), as JSON
-- `{"wide": {"left": …, "top": …, "width": …, "height": …}, …}`; a shape left
-- out is cut from the crop around the focal point. Each shape has
-- renditions of its own: `shape` names it ('' for the crop's own).
ALTER TABLE media_assets ADD COLUMN shape_crops TEXT NOT NULL DEFAULT '{}';

ALTER TABLE media_renditions ADD COLUMN shape TEXT NOT NULL DEFAULT '';
ALTER TABLE media_renditions DROP CONSTRAINT media_renditions_pkey;
ALTER TABLE media_renditions ADD PRIMARY KEY (media_id, shape, format, width);
