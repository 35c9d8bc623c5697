-- The command side's credential store: the email uniqueness lookup and the password hashes.
-- Written by command handlers in the same transaction as their events; never read by the
-- query side, never part of an event (docs/decisions.md, "Password hashes stay on the command side").
CREATE SCHEMA IF NOT EXISTS identity;

CREATE TABLE identity.credentials (
    user_id       UUID PRIMARY KEY,
    email_key     VARCHAR(255) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
