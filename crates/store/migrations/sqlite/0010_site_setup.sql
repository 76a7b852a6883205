-- First run: the one-time setup tokens `dateline serve` prints while the
-- site has no staff account, and the row that lets setup happen once.
--
-- Tokens are kept only as SHA-256, like sessions, so that any node accepts a
-- token another node printed. `site_setup` holds at most one row (id 1):
-- the setup transaction inserts it first, so of two setups racing (even
-- with different tokens, on different nodes) the second fails on the
-- primary key and creates nothing.

CREATE TABLE setup_tokens (
    token_hash  TEXT    PRIMARY KEY,
    created_at  INTEGER NOT NULL
);

CREATE TABLE site_setup (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    admin_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    done_at     INTEGER NOT NULL
);
