-- A picture's framing, in pixels of the upright original: the crop every
-- rendition is made from (all four NULL: the whole picture) and the focal
-- point layouts keep in view when they cut it further (NULL: the centre).
ALTER TABLE media_assets ADD COLUMN crop_left BIGINT;
ALTER TABLE media_assets ADD COLUMN crop_top BIGINT;
ALTER TABLE media_assets ADD COLUMN crop_width BIGINT;
ALTER TABLE media_assets ADD COLUMN crop_height BIGINT;
ALTER TABLE media_assets ADD COLUMN focal_x BIGINT;
ALTER TABLE media_assets ADD COLUMN focal_y BIGINT;
