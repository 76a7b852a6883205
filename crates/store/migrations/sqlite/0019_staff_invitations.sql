-- Staff invitations (issue 12): an admin creates an account without a
-- password and mails a link; the SHA-256 of the link's secret is kept
-- here. Following the link and choosing a password sets `used_at`; sending
-- again deletes the open row and adds a new one.
CREATE TABLE staff_invitations (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    invited_by INTEGER REFERENCES users (id)
);
CREATE INDEX staff_invitations_user ON staff_invitations (user_id);
