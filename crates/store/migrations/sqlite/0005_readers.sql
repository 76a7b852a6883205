-- Reader accounts: people who register on the public site to comment and
-- chat. Separate from staff `users`: a reader can never reach the newsroom.
-- Times are Unix seconds; flags are 0/1 integers.

CREATE TABLE readers (
    id                INTEGER PRIMARY KEY,
    -- Lower-cased; unique while the account exists.
    email             TEXT    NOT NULL UNIQUE,
    display_name      TEXT    NOT NULL,
    -- argon2id PHC string; NULL for accounts that only sign in by mail.
    password_hash     TEXT,
    -- The UI language mail is written in (an edition's language tag).
    language          TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    email_verified_at INTEGER,
    -- active | suspended | banned
    status            TEXT    NOT NULL DEFAULT 'active',
    -- End of a suspension; NULL when not suspended.
    suspended_until   INTEGER,
    -- Why the reader was suspended or banned (shown to them).
    status_reason     TEXT    NOT NULL DEFAULT '',
    failed_logins     INTEGER NOT NULL DEFAULT 0,
    locked_until      INTEGER
);

-- A signed-in browser; only the SHA-256 of the cookie secret is kept.
CREATE TABLE reader_sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT    NOT NULL UNIQUE,
    reader_id    INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    user_agent   TEXT    NOT NULL DEFAULT '',
    ip           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX reader_sessions_reader ON reader_sessions (reader_id, id);
CREATE INDEX reader_sessions_expiry ON reader_sessions (expires_at);

-- One-use secrets sent by mail: address verification, password reset,
-- sign-in links and codes, change of address. Only hashes are kept; a
-- sign-in code is short, so its row also counts wrong guesses.
CREATE TABLE reader_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    -- verify_email | reset_password | sign_in_link | sign_in_code | change_email
    purpose     TEXT    NOT NULL,
    reader_id   INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    -- The new address for change_email; '' otherwise.
    new_email   TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reader_tokens_reader ON reader_tokens (reader_id, purpose, id);
