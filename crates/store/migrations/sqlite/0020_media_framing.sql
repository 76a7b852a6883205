-- A picture's framing, in pixels of the upright original: the crop every
-- rendition is made from (all four NULL: the whole picture) and the focal
-- point layouts keep in view when they cut it further (NULL: the centre).
ALTER TABLE media_assets ADD COLUMN crop_left INTEGER;
ALTER TABLE media_assets ADD COLUMN crop_top INTEGER;
ALTER TABLE media_assets ADD COLUMN crop_width INTEGER;
ALTER TABLE media_assets ADD COLUMN crop_height INTEGER;
ALTER TABLE media_assets ADD COLUMN focal_x INTEGER;
ALTER TABLE media_assets ADD COLUMN focal_y INTEGER;
