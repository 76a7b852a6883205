-- Tokens made by tokens: a child names the token that made it. It never
-- outlives its parent (expiry capped, revocation cascades through
-- `dateline_store::tokens`); a session's tokens have no parent.
ALTER TABLE api_tokens ADD COLUMN parent_id BIGINT REFERENCES api_tokens (id) ON DELETE CASCADE;
CREATE INDEX api_tokens_parent ON api_tokens (parent_id);
