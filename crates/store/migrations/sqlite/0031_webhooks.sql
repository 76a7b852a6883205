-- Webhooks (issue 19): addresses admins register for events, and the
-- durable queue of what is to be sent to them (an outbox: a delivery row
-- is written in the same transaction as the change that causes it, so a
-- crash loses none and a rolled-back change sends none).
--
-- `events` is the set of event names the hook wants, space-separated
-- (`article.published comment.posted`). `secret` signs every delivery.
CREATE TABLE webhooks (
    id          INTEGER PRIMARY KEY,
    url         TEXT    NOT NULL,
    secret      TEXT    NOT NULL,
    events      TEXT    NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    description TEXT    NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- One message to send: to a hook (`kind` 'webhook', signed) or a WebSub
-- ping to the site's hub (`kind` 'websub', `webhook_id` NULL). `payload`
-- is the event's data as JSON, taken when the event happened. `state`:
-- queued (due at `next_attempt_at`), sending (claimed by a node until
-- `claimed_until`), delivered, failed (attempts exhausted) or skipped
-- (nothing to send it to any more).
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER REFERENCES webhooks (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('webhook', 'websub')),
    event           TEXT    NOT NULL,
    subject_id      INTEGER,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'delivered', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    last_status     INTEGER,
    last_error      TEXT    NOT NULL DEFAULT '',
    last_attempt_at INTEGER,
    delivered_at    INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, id DESC);
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);
