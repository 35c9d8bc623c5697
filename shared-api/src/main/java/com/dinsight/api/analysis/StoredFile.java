package com.dinsight.api.analysis;

/** One uploaded file in the blob store: its name as uploaded, the SHA-256 of its bytes, its size. */
public record StoredFile(String name, String sha256, long size) {
}
