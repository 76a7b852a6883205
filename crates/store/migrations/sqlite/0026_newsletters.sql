-- Newsletters, breaking-news alerts and web push (issue 16).
--
-- Lists: every edition has a daily digest and a breaking-news list, and
-- every section a digest of its own. They are made with the edition or
-- section (and here for those that exist). A digest goes out once per
-- local day of the edition, at `send_minute` minutes after midnight;
-- `last_day` (the local date, YYYY-MM-DD) and `last_until` (the end of the
-- period the last digest covered) are moved by the one guarded UPDATE that
-- claims a day, so two nodes never assemble the same digest.
CREATE TABLE newsletter_lists (
    id          INTEGER PRIMARY KEY,
    edition_id  INTEGER NOT NULL REFERENCES editions (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('digest', 'section', 'breaking')),
    section_id  INTEGER REFERENCES sections (id),
    send_minute INTEGER NOT NULL DEFAULT 420,
    active      INTEGER NOT NULL DEFAULT 1,
    last_day    TEXT    NOT NULL DEFAULT '',
    last_until  INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX newsletter_lists_edition ON newsletter_lists (edition_id, kind)
    WHERE section_id IS NULL;
CREATE UNIQUE INDEX newsletter_lists_section ON newsletter_lists (section_id)
    WHERE section_id IS NOT NULL;

INSERT INTO newsletter_lists (edition_id, kind, created_at)
    SELECT id, 'digest', CAST(strftime('%s', 'now') AS INTEGER) FROM editions;
INSERT INTO newsletter_lists (edition_id, kind, created_at)
    SELECT id, 'breaking', CAST(strftime('%s', 'now') AS INTEGER) FROM editions;
INSERT INTO newsletter_lists (edition_id, kind, section_id, created_at)
    SELECT edition_id, 'section', id, CAST(strftime('%s', 'now') AS INTEGER) FROM sections;

-- A subscriber is an address (lower-cased), whether or not a reader
-- account has it. `edition_id` is the edition whose language the mail that
-- belongs to no list is written in (confirmation). `link_key` is the secret
-- of the links in every mail (preferences, unsubscribe): `{id}.{link_key}`.
-- `status` 'suspended' after repeated permanent delivery failures
-- (`bounces` counts them in a row; a delivered mail resets it).
CREATE TABLE newsletter_subscribers (
    id         INTEGER PRIMARY KEY,
    email      TEXT    NOT NULL UNIQUE,
    edition_id INTEGER NOT NULL REFERENCES editions (id),
    reader_id  INTEGER REFERENCES readers (id) ON DELETE SET NULL,
    status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    link_key   TEXT    NOT NULL,
    bounces    INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX newsletter_subscribers_reader ON newsletter_subscribers (reader_id);

-- What a subscriber receives: 'pending' until the address is confirmed.
CREATE TABLE newsletter_subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES newsletter_subscribers (id) ON DELETE CASCADE,
    list_id       INTEGER NOT NULL REFERENCES newsletter_lists (id),
    state         TEXT    NOT NULL CHECK (state IN ('pending', 'active')),
    created_at    INTEGER NOT NULL,
    confirmed_at  INTEGER,
    PRIMARY KEY (subscriber_id, list_id)
);
CREATE INDEX newsletter_subscriptions_list ON newsletter_subscriptions (list_id, state);

-- The consent record: every subscribe, confirm, unsubscribe, suspension,
-- with where it came from and when. Kept while the subscriber exists and
-- exported with the reader's data.
CREATE TABLE newsletter_events (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES newsletter_subscribers (id) ON DELETE CASCADE,
    list_id       INTEGER REFERENCES newsletter_lists (id),
    event         TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    ip            TEXT    NOT NULL DEFAULT '',
    at            INTEGER NOT NULL
);
CREATE INDEX newsletter_events_subscriber ON newsletter_events (subscriber_id, id);

-- The double opt-in mail's secrets: a link and a six-digit code (hashes
-- only); one open confirmation per subscriber, the code with a guess count.
CREATE TABLE newsletter_confirmations (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES newsletter_subscribers (id) ON DELETE CASCADE,
    token_hash    TEXT    NOT NULL UNIQUE,
    code_hash     TEXT    NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    used_at       INTEGER
);
CREATE INDEX newsletter_confirmations_subscriber ON newsletter_confirmations (subscriber_id);

-- One mailing: a list's digest of one local day, or a breaking alert of
-- one story (at most one of each; the partial unique indexes make a
-- second node's attempt a no-op). `article_ids` is the digest's stories,
-- a JSON array in the order they are shown.
CREATE TABLE newsletter_sends (
    id          INTEGER PRIMARY KEY,
    list_id     INTEGER NOT NULL REFERENCES newsletter_lists (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('digest', 'alert')),
    day         TEXT    NOT NULL DEFAULT '',
    article_id  INTEGER REFERENCES articles (id),
    article_ids TEXT    NOT NULL DEFAULT '[]',
    created_by  INTEGER REFERENCES users (id),
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX newsletter_sends_digest ON newsletter_sends (list_id, day) WHERE kind = 'digest';
CREATE UNIQUE INDEX newsletter_sends_alert ON newsletter_sends (list_id, article_id) WHERE kind = 'alert';
CREATE INDEX newsletter_sends_recent ON newsletter_sends (created_at);

-- One message of a send to one recipient: a subscriber's mail
-- (channel 'mail', recipient a subscriber) or a browser's push message
-- (channel 'push', recipient a push subscription). A worker claims a row
-- by moving it from 'queued' to 'sending' with a lease, sends, and marks
-- it 'sent'; a row still 'sending' when its lease ran out belonged to a
-- node that stopped mid-message, and becomes 'failed' rather than being
-- sent again (it may have gone out). Transient failures go back to
-- 'queued' with a later `next_attempt_at`; a recipient who left the list
-- (or was suspended) before their turn is 'skipped'.
CREATE TABLE newsletter_deliveries (
    send_id         INTEGER NOT NULL REFERENCES newsletter_sends (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL CHECK (channel IN ('mail', 'push')),
    recipient_id    INTEGER NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    error           TEXT    NOT NULL DEFAULT '',
    sent_at         INTEGER,
    PRIMARY KEY (send_id, channel, recipient_id)
);
CREATE INDEX newsletter_deliveries_due ON newsletter_deliveries (next_attempt_at)
    WHERE state = 'queued';
CREATE INDEX newsletter_deliveries_claimed ON newsletter_deliveries (claimed_until)
    WHERE state = 'sending';

-- Browsers that asked for breaking news by web push, per edition.
CREATE TABLE push_subscriptions (
    id         INTEGER PRIMARY KEY,
    edition_id INTEGER NOT NULL REFERENCES editions (id),
    endpoint   TEXT    NOT NULL UNIQUE,
    p256dh     TEXT    NOT NULL,
    auth       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_edition ON push_subscriptions (edition_id);

-- The site's VAPID key pair (the private scalar, base64url), made once by
-- whichever node needs it first and then shared by all.
CREATE TABLE push_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    private_key TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
