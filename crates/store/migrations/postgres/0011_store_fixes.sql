-- Case folding the same on both backends: SQLite's lower() folds only
-- ASCII, so the store folds in Rust and keeps the folded text beside the
-- original. Rows from before this migration are folded here as far as SQL
-- can, and then by the store when it opens the database (`Store::migrate`).

-- The newsroom's search: headline and lead, lower-cased. NULL until the
-- store has computed it.
ALTER TABLE articles ADD COLUMN search_text TEXT;

-- A staff address as it is matched: the whole address lower-cased.
ALTER TABLE users ADD COLUMN email_key TEXT NOT NULL DEFAULT '';
UPDATE users SET email_key = lower(email);
DROP INDEX users_email;
CREATE UNIQUE INDEX users_email ON users (email_key);
