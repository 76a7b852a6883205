-- Who may see a picture (issue 14): the public media bank, its API and the
-- files under /media/ show only pictures used by a public story or released
-- to the bank by an editor. `public_use_count` counts the public articles
-- using the asset (article_media rows whose article is public);
-- `is_released` is the editor's release; `is_public` is
-- `public_use_count > 0 OR is_released = 1`, written by the same statement
-- that moves either, so listings read one flag on a partial index.
ALTER TABLE media_assets ADD COLUMN public_use_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media_assets ADD COLUMN is_released INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media_assets ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0;

UPDATE media_assets SET public_use_count = (
    SELECT COUNT(*) FROM article_media u JOIN articles a ON a.id = u.article_id
    WHERE u.media_id = media_assets.id AND a.is_public = 1
);
UPDATE media_assets SET is_public = 1 WHERE public_use_count > 0;

-- The public archive: newest first, all, per edition and per section.
CREATE INDEX media_assets_public ON media_assets (created_at DESC, id DESC) WHERE is_public = 1;
CREATE INDEX media_assets_public_edition ON media_assets (edition_id, created_at DESC, id DESC) WHERE is_public = 1;
CREATE INDEX media_assets_public_section ON media_assets (section_id, created_at DESC, id DESC) WHERE is_public = 1;

-- A file request names a rendition by its key; its picture decides.
CREATE INDEX media_renditions_key ON media_renditions (storage_key);
