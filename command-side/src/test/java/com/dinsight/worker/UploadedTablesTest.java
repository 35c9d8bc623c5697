package com.dinsight.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dinsight.api.analysis.ColumnSelection;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadedTablesTest {

    private static final ColumnSelection COLUMNS = new ColumnSelection("id", "f_0", "f_1");

    @TempDir
    Path root;

    private StoredFile store(BlobStore blobs, String name, String csv) throws Exception {
        BlobStore.Blob blob = blobs.put(csv.getBytes(StandardCharsets.UTF_8));
        return new StoredFile(name, blob.sha256(), blob.size());
    }

    @Test
    void an_uploads_files_are_read_from_the_store_and_merged_in_order() throws Exception {
        BlobStore blobs = new BlobStore(root);
        FeatureTable table = UploadedTables.read(blobs, List.of(store(blobs, "a.csv", "id,f_0,f_1\na,1,2\n"),
                store(blobs, "b.csv", "id,f_0,f_1\nb,3,4\n")), COLUMNS);
        assertThat(table.rows()).isEqualTo(2);
        assertThat(table.metadata(1)).containsExactly("b");
    }

    @Test
    void a_damaged_stored_copy_fails_as_damaged_not_as_bad_content() throws Exception {
        BlobStore blobs = new BlobStore(root);
        StoredFile file = store(blobs, "a.csv", "id,f_0,f_1\na,1,2\n");
        Files.writeString(blobs.path(file.sha256()), "id,f_0,f_1\na,1,3\n");
        assertThatThrownBy(() -> UploadedTables.read(blobs, List.of(file), COLUMNS))
                .isInstanceOf(UploadedTables.LostUploadException.class).hasMessageContaining("a.csv");
    }

    @Test
    void bad_content_names_the_file_row_and_column() throws Exception {
        BlobStore blobs = new BlobStore(root);
        StoredFile file = store(blobs, "a.csv", "id,f_0,f_1\na,1,2\nb,x,3\n");
        assertThatThrownBy(() -> UploadedTables.read(blobs, List.of(file), COLUMNS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a.csv").hasMessageContaining("row 3")
                .hasMessageContaining("f_0");
    }
}
