package com.dinsight.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path root;

    @Test
    void stores_bytes_under_their_sha256_and_reads_them_back() throws Exception {
        BlobStore store = new BlobStore(root);
        BlobStore.Blob blob = store.put("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(blob.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(blob.size()).isEqualTo(8);
        assertThat(store.path(blob.sha256())).isRegularFile();
        assertThat(new String(store.read(blob.sha256()), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void the_same_bytes_are_stored_once_and_no_temporary_file_is_left() throws Exception {
        BlobStore store = new BlobStore(root);
        BlobStore.Blob first = store.put("same".getBytes(StandardCharsets.UTF_8));
        BlobStore.Blob second = store.put("same".getBytes(StandardCharsets.UTF_8));
        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(store.path(first.sha256()));
        }
    }

    @Test
    void a_blob_whose_bytes_changed_on_disk_is_refused_when_read() throws Exception {
        BlobStore store = new BlobStore(root);
        BlobStore.Blob blob = store.put("original".getBytes(StandardCharsets.UTF_8));
        Files.writeString(store.path(blob.sha256()), "tampered");
        assertThatThrownBy(() -> store.read(blob.sha256())).isInstanceOf(BlobStore.CorruptBlobException.class)
                .hasMessageContaining(blob.sha256());
        try (InputStream in = store.open(blob.sha256())) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(BlobStore.CorruptBlobException.class);
        }
    }

    @Test
    void a_missing_blob_and_a_malformed_hash_are_clear_errors() {
        BlobStore store = new BlobStore(root);
        assertThatThrownBy(() -> store.read("0".repeat(64))).isInstanceOf(BlobStore.MissingBlobException.class);
        assertThatThrownBy(() -> store.read("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
