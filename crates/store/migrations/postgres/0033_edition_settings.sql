-- Editions as data: which digits the edition writes numbers with, when it
-- was retired (NULL while it is active: a retired edition keeps its pages
-- as an archive but leaves the switcher, the sitemap index and `/`, and
-- takes no new publication), and the edition's own comment rules, each
-- NULL to keep the site's: the moderation mode of its stories when their
-- section has none, and how many hours a new reader account's comments
-- wait for a moderator.
ALTER TABLE editions ADD COLUMN number_system TEXT NOT NULL DEFAULT 'latin'
    CHECK (number_system IN ('latin', 'native'));
ALTER TABLE editions ADD COLUMN retired_at BIGINT;
ALTER TABLE editions ADD COLUMN comment_mode TEXT CHECK (comment_mode IN ('pre', 'post'));
ALTER TABLE editions ADD COLUMN new_account_hold_hours BIGINT
    CHECK (new_account_hold_hours BETWEEN 0 AND 8760);
