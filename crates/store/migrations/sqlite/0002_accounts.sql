-- Staff accounts and their security: login lockout, edition assignments,
-- sessions and API tokens (only hashes of their secrets are stored), and
-- the audit log. Times are Unix seconds; flags are 0/1 integers.

ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
-- Consecutive failed logins since the last success or lockout.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;

-- The editions an editor may work in (editors have no rights elsewhere).
CREATE TABLE user_editions (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    edition_id INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, edition_id)
);

-- A signed-in browser. `token_hash` is the SHA-256 of the cookie's secret:
-- a copy of the table lets no one sign in.
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    -- Absolute end, however active the session is.
    expires_at   INTEGER NOT NULL,
    user_agent   TEXT    NOT NULL DEFAULT '',
    ip           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id, id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Bearer tokens for the Admin API, limited to `scopes` (space-separated)
-- and never to more than the owner's role allows.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    -- The first characters of the token, to recognise it in lists.
    token_prefix TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    scopes       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

-- Who did what, when, to which item. Rows are never updated or deleted;
-- actors are plain ids (no foreign key) so that history outlives accounts.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    actor_user_id  INTEGER,
    actor_token_id INTEGER,
    action         TEXT    NOT NULL,
    item_type      TEXT    NOT NULL,
    item_id        INTEGER,
    details        TEXT    NOT NULL DEFAULT '{}',
    ip             TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id DESC);
CREATE INDEX audit_log_item ON audit_log (item_type, item_id, id DESC);
