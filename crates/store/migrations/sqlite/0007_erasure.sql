-- Erasure that keeps conversations whole.
--
-- A comment removed by its author while others' replies hang beneath it is
-- erased in place: its text is wiped and `erased_at` set, and it stays in
-- the thread as a "deleted" placeholder so that the replies stay readable.
ALTER TABLE comments ADD COLUMN erased_at INTEGER;

-- A deleted reader account whose erased comments still anchor others'
-- replies keeps its row as an anonymous tombstone: address, name, password
-- and sessions are gone, `deleted_at` says when. Accounts with nothing to
-- anchor are deleted outright.
ALTER TABLE readers ADD COLUMN deleted_at INTEGER;
