package com.dinsight.app.axon;

import com.dinsight.blob.BlobStore;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The content-addressed store of raw uploads and analysis results ({@code DINSIGHT_BLOBS_DIR},
 * default {@code $DINSIGHT_DATA_DIR/blobs}). Command, worker and query nodes must all see it.
 */
@Configuration(proxyBeanMethods = false)
public class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(@Value("${dinsight.blobs-dir:}") String blobsDir, @Value("${dinsight.data-dir}") String dataDir) {
        return new BlobStore(blobsDir.isBlank() ? Path.of(dataDir, "blobs") : Path.of(blobsDir));
    }
}
