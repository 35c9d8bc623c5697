package com.dinsight.command.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's own table of credentials ({@code identity.credentials}): the unique email
 * lookup and the password hashes, which never go into an event. Command handlers write it in the
 * same transaction as their events, so an event and its credential commit or fail together.
 */
@Component
public class CredentialStore {

    /** Serialises registrations so "the first user" is decided once, even under concurrency. */
    private static final long REGISTRATION_LOCK = 0x44494e5349474854L;

    private final JdbcClient jdbc;

    CredentialStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Credential(UUID userId, String passwordHash) {
    }

    public enum Registration { FIRST_USER, USER, EMAIL_TAKEN }

    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    Registration register(UUID userId, String email, String passwordHash) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(REGISTRATION_LOCK).query().singleRow();
        boolean empty = jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM identity.credentials)")
                .query(Boolean.class).single();
        int inserted = jdbc.sql("""
                        INSERT INTO identity.credentials (user_id, email_key, password_hash)
                        VALUES (?, ?, ?) ON CONFLICT (email_key) DO NOTHING""")
                .params(userId, emailKey(email), passwordHash).update();
        if (inserted == 0) {
            return Registration.EMAIL_TAKEN;
        }
        return empty ? Registration.FIRST_USER : Registration.USER;
    }

    void changePassword(UUID userId, String passwordHash) {
        jdbc.sql("UPDATE identity.credentials SET password_hash = ?, updated_at = now() WHERE user_id = ?")
                .params(passwordHash, userId).update();
    }

    public Optional<Credential> findByEmail(String email) {
        return jdbc.sql("SELECT user_id, password_hash FROM identity.credentials WHERE email_key = ?")
                .param(emailKey(email))
                .query((rs, n) -> new Credential(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional();
    }

    public Optional<Credential> findByUser(UUID userId) {
        return jdbc.sql("SELECT user_id, password_hash FROM identity.credentials WHERE user_id = ?")
                .param(userId)
                .query((rs, n) -> new Credential(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional();
    }
}
