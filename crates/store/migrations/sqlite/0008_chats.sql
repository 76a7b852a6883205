-- Chats: real-time rooms per edition, their messages and chat sanctions.
-- Times are Unix seconds; flags are 0/1 integers.

CREATE TABLE chat_rooms (
    id                INTEGER PRIMARY KEY,
    edition_id        INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    slug              TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    -- Seconds a reader waits between two messages in this room; 0: none.
    slow_mode_seconds INTEGER NOT NULL DEFAULT 0,
    -- A closed room can be read but takes no messages.
    is_open           INTEGER NOT NULL DEFAULT 1,
    position          INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    UNIQUE (edition_id, slug)
);

-- Ids grow with every insert: history pages and resumes are keyed by id.
-- `reader_id` is NULL once the author's account is deleted.
CREATE TABLE chat_messages (
    id         INTEGER PRIMARY KEY,
    room_id    INTEGER NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    reader_id  INTEGER REFERENCES readers (id) ON DELETE SET NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    -- Removed by a moderator: no longer shown.
    deleted_at INTEGER,
    deleted_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX chat_messages_room ON chat_messages (room_id, id);
-- Rate limits and slow mode look back a few seconds per reader.
CREATE INDEX chat_messages_reader ON chat_messages (reader_id, created_at);

-- One chat sanction per reader, for every room: a mute ends at `until`, a
-- ban lasts until lifted (the row is deleted).
CREATE TABLE chat_sanctions (
    reader_id     INTEGER PRIMARY KEY REFERENCES readers (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('mute', 'ban')),
    until         INTEGER,
    reason        TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);
