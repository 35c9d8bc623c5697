package com.dinsight.command.identity;

import com.dinsight.api.error.FieldError;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** The password rule of api.md and bcrypt hashing with cost 12. */
@Component
public class Passwords {

    static final int COST = 12;
    private static final int MAX_LENGTH = 72; // bcrypt ignores bytes past 72

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(COST);
    /** Compared against when the email is unknown, so both answers take a bcrypt's time. */
    private final String decoyHash = encoder.encode("decoy-password-never-matches");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && encoder.matches(password, hash);
    }

    /** Spends the time of a real comparison; always false. */
    public boolean matchesNothing(String password) {
        encoder.matches(password == null ? "" : password, decoyHash);
        return false;
    }

    /** The violation of the password rule, if any, named for the given field. */
    public static Optional<FieldError> violation(String field, String password) {
        if (password == null || password.length() < 8) {
            return Optional.of(new FieldError(field, "must be at least 8 characters"));
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return Optional.of(new FieldError(field, "must be at most 72 bytes"));
        }
        boolean upper = password.chars().anyMatch(Character::isUpperCase);
        boolean lower = password.chars().anyMatch(Character::isLowerCase);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean special = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c));
        if (!(upper && lower && digit && special)) {
            return Optional.of(new FieldError(field,
                    "must contain an upper-case letter, a lower-case letter, a digit and a special character"));
        }
        return Optional.empty();
    }
}
