-- Failed logins and mail requests counted per client address or e-mail
-- address (kept as SHA-256, never in the clear), in the database that
-- every node shares, so that limits hold behind a load balancer. A row is
-- of no use after expires_at (its lock and its failures have run out).
CREATE TABLE failure_counts (
    scope        TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    last_failure INTEGER NOT NULL,
    locked_until INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    PRIMARY KEY (scope, key_hash)
);
CREATE INDEX failure_counts_expiry ON failure_counts (expires_at);
