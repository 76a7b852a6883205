-- Edits spend the reader's comment budget: each comment counts its edits.
ALTER TABLE comments ADD COLUMN edit_count INTEGER NOT NULL DEFAULT 0;
