-- The newsroom's dashboard lists pictures whose renditions failed; few
-- rows are in that state, so a partial index keeps the query small.
CREATE INDEX media_assets_failed_renditions ON media_assets (id)
    WHERE renditions_state = 'failed';
