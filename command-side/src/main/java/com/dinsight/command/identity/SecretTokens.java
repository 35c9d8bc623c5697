package com.dinsight.command.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque tokens handed to users: ids the server needs to find the right aggregate, then 256
 * random bits, as {@code <uuid>.<uuid>.<secret>}. Only the SHA-256 of the whole token is stored.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public static String create(UUID... ids) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        StringBuilder token = new StringBuilder();
        for (UUID id : ids) {
            token.append(id).append('.');
        }
        return token.append(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)).toString();
    }

    /** The ids a token names, if it has the expected shape. */
    public static Optional<List<UUID>> ids(String token, int count) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != count + 1 || parts[count].length() < 40) {
            return Optional.empty();
        }
        try {
            UUID[] ids = new UUID[count];
            for (int i = 0; i < count; i++) {
                ids[i] = UUID.fromString(parts[i]);
            }
            return Optional.of(List.of(ids));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
