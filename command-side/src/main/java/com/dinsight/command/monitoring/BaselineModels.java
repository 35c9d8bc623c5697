package com.dinsight.command.monitoring;

import com.dinsight.api.analysis.StoredFile;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.StoredBaseline;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * Baseline results read from the blob store (hash verified) and kept in memory for monitoring,
 * each with its feature columns by name for rows sent as JSON.
 */
@Component
class BaselineModels {

    private record Loaded(StoredBaseline baseline, FeatureColumns columns) {
    }

    private final BlobStore blobs;
    private final Cache<String, Loaded> cache = Caffeine.newBuilder().maximumSize(64).build();

    BaselineModels(BlobStore blobs) {
        this.blobs = blobs;
    }

    StoredBaseline of(StoredFile result) {
        return loaded(result).baseline();
    }

    FeatureColumns columnsOf(StoredFile result) {
        return loaded(result).columns();
    }

    private Loaded loaded(StoredFile result) {
        return cache.get(result.sha256(), sha -> {
            try {
                StoredBaseline baseline = StoredBaseline.fromBytes(blobs.read(sha));
                return new Loaded(baseline, FeatureColumns.of(baseline.model()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the baseline's stored result " + sha, e);
            }
        });
    }
}
