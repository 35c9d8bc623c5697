-- Sessions that ended before their expiry. Beyond the seed: every authenticated request checks
-- its session id here, so logout, password changes and deactivation take effect at once instead
-- of when the 15-minute access token expires (docs/schema-changes.md).
CREATE TABLE revoked_sessions (
    session_id UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason     VARCHAR(100) NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX idx_revoked_sessions_user ON revoked_sessions(user_id);
