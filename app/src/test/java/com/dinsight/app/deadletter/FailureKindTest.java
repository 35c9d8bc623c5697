package com.dinsight.app.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.blob.BlobStore;
import com.dinsight.blob.BlobStore.MissingBlobException;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class FailureKindTest {

    @TempDir
    Path blobs;

    @Test
    void the_events_own_data_is_poison() {
        assertThat(FailureKind.of(new DataIntegrityViolationException("dup", new SQLException("dup", "23505"))))
                .isEqualTo(FailureKind.POISON);
        assertThat(FailureKind.of(new SQLException("numeric field overflow", "22003"))).isEqualTo(FailureKind.POISON);
        assertThat(FailureKind.of(new UncheckedIOException(missingBlob()))).isEqualTo(FailureKind.POISON);
        assertThat(FailureKind.of(new JsonParseException(null, "bad json"))).isEqualTo(FailureKind.POISON);
        assertThat(FailureKind.of(new IllegalStateException("a handler's own refusal"))).isEqualTo(FailureKind.POISON);
    }

    private IOException missingBlob() {
        try {
            new BlobStore(blobs).read("ab".repeat(32));
        } catch (IOException e) {
            assertThat(e).isInstanceOf(MissingBlobException.class);
            return e;
        }
        throw new AssertionError("the blob should be missing");
    }

    @Test
    void the_surroundings_are_transient() {
        assertThat(FailureKind.of(new CannotGetJdbcConnectionException("down", new SQLException("refused", "08001"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new CannotCreateTransactionException("no tx"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new CannotAcquireLockException("lock", new SQLException("lock", "55P03"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("serialization", "40001"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("aborted", "25P02"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RuntimeException(new SQLException("no such column", "42703"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new UncheckedIOException(new ConnectException("refused"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new IOException("stale file handle"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new OutOfMemoryError())).isEqualTo(FailureKind.TRANSIENT);
    }
}
