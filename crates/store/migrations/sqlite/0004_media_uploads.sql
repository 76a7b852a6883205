-- Media-bank uploads: the by-line, who uploaded what under which file name,
-- when the picture was taken, the state of its renditions (a job queue on
-- the asset row itself), and the text the media bank searches.

ALTER TABLE media_assets ADD COLUMN creator TEXT NOT NULL DEFAULT '';
ALTER TABLE media_assets ADD COLUMN keywords TEXT NOT NULL DEFAULT '';
ALTER TABLE media_assets ADD COLUMN uploaded_by INTEGER REFERENCES users (id);
ALTER TABLE media_assets ADD COLUMN original_name TEXT NOT NULL DEFAULT '';
ALTER TABLE media_assets ADD COLUMN taken_at INTEGER;
-- 'ready' for assets whose renditions their creator made itself (the demo,
-- earlier versions); uploads start 'pending'. A worker claims a job by
-- moving it to 'working' with a lease; an expired lease makes it claimable
-- again, so work in flight at a crash is resumed.
ALTER TABLE media_assets ADD COLUMN renditions_state TEXT NOT NULL DEFAULT 'ready'
    CHECK (renditions_state IN ('pending', 'working', 'ready', 'failed'));
ALTER TABLE media_assets ADD COLUMN renditions_error TEXT NOT NULL DEFAULT '';
ALTER TABLE media_assets ADD COLUMN renditions_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media_assets ADD COLUMN renditions_lease_until INTEGER;
-- Caption, headline, credit, copyright, creator, source and keywords,
-- lower-cased by the store (Unicode-aware on both backends, unlike SQLite's lower()).
-- NULL until the store has computed it (rows from before this migration).
ALTER TABLE media_assets ADD COLUMN search_text TEXT;

CREATE INDEX media_assets_rendition_jobs ON media_assets (id)
    WHERE renditions_state IN ('pending', 'working');
CREATE INDEX media_assets_taken ON media_assets (taken_at DESC, id DESC)
    WHERE taken_at IS NOT NULL;
CREATE INDEX media_assets_search_backfill ON media_assets (id) WHERE search_text IS NULL;
