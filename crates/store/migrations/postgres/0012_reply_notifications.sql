-- Reply notifications: whether a reader is mailed when someone answers one
-- of their comments (on until they turn it off), and the secret of the
-- one-click unsubscribe link those mails carry (RFC 8058), made with the
-- first such mail. Flags are 0/1 integers.
ALTER TABLE readers ADD COLUMN reply_mail INTEGER NOT NULL DEFAULT 1;
ALTER TABLE readers ADD COLUMN unsubscribe_key TEXT;
