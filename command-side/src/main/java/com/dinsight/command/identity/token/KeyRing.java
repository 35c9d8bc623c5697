package com.dinsight.command.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key pairs that sign access tokens, one JWK file each in a directory (by default
 * {@code $DINSIGHT_DATA_DIR/keys}). The newest key signs; every key verifies, so adding a key
 * ({@link #addKey()}) leaves tokens signed by older keys valid until they expire. A directory
 * shared by several nodes is re-read when a token names a key this node has not seen.
 */
public class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    private static final String SUFFIX = ".jwk.json";

    private final Path directory;
    private final Clock clock;
    private volatile List<RSAKey> keys;

    public KeyRing(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.keys = load();
        if (keys.isEmpty()) {
            addKey();
        }
    }

    /** Generates a key, stores it, and makes it the signing key. */
    public synchronized RSAKey addKey() {
        try {
            String kid = clock.instant().toString().replace(":", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).issueTime(Date.from(clock.instant())).generate();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key.toJSONString());
            Files.move(temporary, directory.resolve(kid + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
            keys = load();
            log.info("Added access-token signing key {} in {}", kid, directory);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a signing key in " + directory, e);
        }
    }

    public RSAKey signingKey() {
        List<RSAKey> current = keys;
        return current.get(current.size() - 1);
    }

    /** The public halves, for the JWKS document and for verification. */
    public JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** Re-reads the directory; true when it now holds a key with this id. */
    public synchronized boolean refreshFor(String kid) {
        keys = load();
        return keys.stream().anyMatch(key -> key.getKeyID().equals(kid));
    }

    private List<RSAKey> load() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<RSAKey> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                loaded.add(RSAKey.parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read signing keys in " + directory, e);
        } catch (ParseException e) {
            throw new IllegalStateException("A signing key file in " + directory + " is not a JWK: " + e.getMessage(), e);
        }
        loaded.sort(Comparator.comparing((RSAKey key) -> key.getIssueTime()).thenComparing(RSAKey::getKeyID));
        return List.copyOf(loaded);
    }
}
