package com.dinsight.worker;

import com.dinsight.api.analysis.ColumnSelection;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.FeatureTableReader;
import com.dinsight.engine.FeatureTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** An upload's files, read from the blob store (hash verified) and merged in order. */
final class UploadedTables {

    private UploadedTables() {
    }

    static FeatureTable read(BlobStore blobs, List<StoredFile> files, ColumnSelection columns) {
        List<FeatureTable> tables = new ArrayList<>();
        for (StoredFile file : files) {
            try {
                // verified first: a damaged copy must fail as damaged, not as a malformed CSV
                blobs.verify(file.sha256());
            } catch (BlobStore.CorruptBlobException | BlobStore.MissingBlobException lost) {
                throw new LostUploadException("The stored copy of '" + file.name() + "' is missing or damaged: "
                        + lost.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the stored file '" + file.name() + "'", e);
            }
            try (InputStream in = blobs.open(file.sha256())) {
                tables.add(FeatureTableReader.read(in, file.name(), columns.endMeta(), columns.startDim(),
                        columns.endDim()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the stored file '" + file.name() + "'", e);
            }
        }
        return FeatureTables.concat(tables);
    }

    /** The blob store no longer holds the upload's bytes as they were: retrying cannot help. */
    static final class LostUploadException extends RuntimeException {
        LostUploadException(String message) {
            super(message);
        }
    }
}
