-- Search and social fields of an article (issue 12). Each is optional;
-- NULL means the default: the headline and the edition's name for the
-- page title, the lead for the descriptions, the lead picture for social
-- cards, the story's own page as its canonical address. A social picture
-- is linked in article_media like the lead picture, so it is public when
-- the story is. canonical_url is the original's address when the story is
-- a syndicated copy.
ALTER TABLE articles ADD COLUMN seo_title TEXT;
ALTER TABLE articles ADD COLUMN seo_description TEXT;
ALTER TABLE articles ADD COLUMN social_title TEXT;
ALTER TABLE articles ADD COLUMN social_description TEXT;
ALTER TABLE articles ADD COLUMN social_media_id INTEGER REFERENCES media_assets (id);
ALTER TABLE articles ADD COLUMN canonical_url TEXT;

-- Sitemaps list only pages that are their own canonical address: a
-- syndicated copy points search engines at the original instead.
DROP INDEX articles_edition_sitemap;
CREATE INDEX articles_edition_sitemap ON articles (edition_id, id)
    WHERE is_public = 1 AND canonical_url IS NULL;
