-- Reader comments under articles and their moderation.
-- Times are Unix seconds; flags are 0/1 integers.
--
-- Threads are at most three levels deep: `parent_id` is where a comment is
-- shown (NULL at the top, the top-level comment at depth 1, a depth-1 reply
-- at depth 2; replies to depth-2 comments are shown beside them, at depth 2),
-- `reply_to_id` the comment the reader answered, `root_id` the top-level
-- comment of the thread (NULL for top-level comments themselves).

CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    reader_id     INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    parent_id     INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    reply_to_id   INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    root_id       INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    depth         INTEGER NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 2),
    -- What the reader typed (limited Markdown) and its sanitised HTML.
    body_source   TEXT    NOT NULL,
    body_html     TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'rejected', 'deleted')),
    -- Why a comment is pending or rejected (a check's verdict or a moderator's words).
    status_reason TEXT    NOT NULL DEFAULT '',
    -- Where it was posted from, for the per-address rate limit.
    ip            TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER,
    -- Published replies beneath it; likes; reports not yet dealt with.
    reply_count   INTEGER NOT NULL DEFAULT 0,
    like_count    INTEGER NOT NULL DEFAULT 0,
    report_count  INTEGER NOT NULL DEFAULT 0
);
-- Top-level listings, one index per sort; each is a range scan at any size.
CREATE INDEX comments_top_time ON comments (article_id, status, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comments_top_replies ON comments (article_id, status, reply_count, id) WHERE parent_id IS NULL;
CREATE INDEX comments_top_likes ON comments (article_id, status, like_count, id) WHERE parent_id IS NULL;
-- Replies of a thread in order.
CREATE INDEX comments_thread ON comments (root_id, status, created_at, id) WHERE root_id IS NOT NULL;
-- Moderation queues, newest first.
CREATE INDEX comments_queue ON comments (status, id);
CREATE INDEX comments_reported ON comments (id) WHERE report_count > 0;
-- Rate limits and repeated posts look back a short window.
CREATE INDEX comments_by_reader ON comments (reader_id, created_at);
CREATE INDEX comments_by_ip ON comments (ip, created_at);

CREATE TABLE comment_likes (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reader_id  INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (comment_id, reader_id)
);

-- One report per reader per comment; `resolved_at` is set when a moderator
-- deals with the comment.
CREATE TABLE comment_reports (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reader_id   INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    -- spam | abuse | off_topic | misinformation | other
    reason      TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    UNIQUE (comment_id, reader_id)
);
CREATE INDEX comment_reports_open ON comment_reports (comment_id) WHERE resolved_at IS NULL;

-- Every moderation action: who (a staff user), what, why, on what.
CREATE TABLE moderation_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- comment.approve | comment.reject | comment.restore | reader.suspend | reader.ban | reader.reinstate | …
    action        TEXT    NOT NULL,
    reason        TEXT    NOT NULL DEFAULT '',
    comment_id    INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    reader_id     INTEGER REFERENCES readers (id) ON DELETE SET NULL
);
CREATE INDEX moderation_log_recent ON moderation_log (id);

-- Words that reject a comment (banned) or hold it for review (suspect).
CREATE TABLE moderation_words (
    id         INTEGER PRIMARY KEY,
    word       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL CHECK (kind IN ('banned', 'suspect')),
    created_at INTEGER NOT NULL
);

-- Per-section comment rules; a section without a row is post-moderated
-- and never closes.
CREATE TABLE section_comment_settings (
    section_id       INTEGER PRIMARY KEY REFERENCES sections (id) ON DELETE CASCADE,
    mode             TEXT    NOT NULL CHECK (mode IN ('pre', 'post')),
    -- Days after publication when a story stops taking comments; NULL: never.
    close_after_days INTEGER
);

-- Per-article overrides: a mode (NULL: the section's) and a closed flag.
CREATE TABLE article_comment_settings (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    mode       TEXT    CHECK (mode IN ('pre', 'post')),
    closed     INTEGER NOT NULL DEFAULT 0
);
