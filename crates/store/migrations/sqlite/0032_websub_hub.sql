-- The WebSub hub (W3C) the site's feeds name with rel="hub" and that is
-- told of each publication and correction; NULL: none. Checked by the
-- domain (an http(s) address in ASCII) before it is written.
ALTER TABLE site_settings ADD COLUMN websub_hub TEXT;
