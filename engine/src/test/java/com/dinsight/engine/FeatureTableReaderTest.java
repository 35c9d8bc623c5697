package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dinsight.engine.InvalidInputException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FeatureTableReaderTest {

    private static FeatureTable read(String csv) {
        return FeatureTableReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "upload.csv",
                "tag", "f_0", "f_2");
    }

    private static void rejects(String csv, Reason reason, long row, String column) {
        ThrowingCallable call = () -> read(csv);
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.file()).isEqualTo("upload.csv");
            assertThat(e.row()).isEqualTo(row);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.getMessage()).contains("upload.csv");
        });
    }

    @Test
    void reads_metadata_through_end_meta_and_features_from_start_dim_to_end_dim_in_file_order() {
        FeatureTable t = read("id,tag,f_0,f_1,f_2,extra\n1,a,0.5,1e-3,-2,x\n2,b,1,2,3,y\n");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.featureNames()).containsExactly("f_0", "f_1", "f_2");
        assertThat(t.metadataNames()).containsExactly("id", "tag");
        assertThat(t.metadata(1)).containsExactly("2", "b");
        assertThat(t.valuesRowMajor()).containsExactly(0.5, 1e-3, -2, 1, 2, 3);
    }

    @Test
    void accepts_a_byte_order_mark_crlf_quoted_fields_and_blank_trailing_lines() {
        FeatureTable t = read("\uFEFFid,tag,f_0,f_1,f_2\r\n1,\"a, \"\"quoted\"\"\nline\",\"1.5\",2,3\r\n\r\n\r\n");
        assertThat(t.rows()).isEqualTo(1);
        assertThat(t.metadataNames().get(0)).isEqualTo("id");
        assertThat(t.metadata(0).get(1)).isEqualTo("a, \"quoted\"\nline");
        assertThat(t.value(0, 0)).isEqualTo(1.5);
    }

    @Test
    void rejects_a_non_numeric_feature_value_naming_file_row_and_column() {
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,2,3\n2,b,1,abc,3\n", Reason.BAD_VALUE, 3, "f_1");
    }

    @Test
    void rejects_an_empty_feature_value() {
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,,3\n", Reason.BAD_VALUE, 2, "f_1");
    }

    @Test
    void rejects_nan_and_infinite_feature_values() {
        rejects("id,tag,f_0,f_1,f_2\n1,a,NaN,2,3\n", Reason.BAD_VALUE, 2, "f_0");
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,2,Infinity\n", Reason.BAD_VALUE, 2, "f_2");
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,-inf,3\n", Reason.BAD_VALUE, 2, "f_1");
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,1e400,3\n", Reason.BAD_VALUE, 2, "f_1");
    }

    @Test
    void rejects_a_ragged_row() {
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,2,3\n2,b,1,2\n", Reason.RAGGED_ROW, 3, "f_2");
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,2,3,4\n", Reason.RAGGED_ROW, 2, "#6");
    }

    @Test
    void rejects_a_duplicate_column() {
        rejects("id,tag,f_0,f_1,f_1,f_2\n1,a,1,2,3,4\n", Reason.DUPLICATE_COLUMN, 1, "f_1");
    }

    @Test
    void rejects_a_missing_column() {
        rejects("id,tag,f_0,f_1\n1,a,1,2\n", Reason.MISSING_COLUMN, 1, "f_2");
        rejects("id,label,f_0,f_1,f_2\n1,a,1,2,3\n", Reason.MISSING_COLUMN, 1, "tag");
    }

    @Test
    void rejects_a_file_without_rows() {
        rejects("id,tag,f_0,f_1,f_2\n\n", Reason.NO_ROWS, 0, null);
        rejects("", Reason.NO_ROWS, 0, null);
    }

    @Test
    void rejects_a_blank_line_inside_the_data() {
        rejects("id,tag,f_0,f_1,f_2\n1,a,1,2,3\n\n2,b,1,2,3\n", Reason.RAGGED_ROW, 3, null);
    }

    @Test
    void reads_the_shared_monitoring_file() {
        FeatureTable t = SharedData.monitoring();
        assertThat(t.rows()).isEqualTo(219);
        assertThat(t.features()).isEqualTo(1024);
    }

    private static FeatureTable readByName(String csv) {
        return FeatureTableReader.readByName(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                "rows.csv", new String[] {"f_0", "f_1", "f_2"});
    }

    @Test
    void by_name_takes_the_features_in_any_column_order_and_every_other_column_as_metadata() {
        FeatureTable t = readByName("\uFEFFf_2,id,f_0,note,f_1,site\r\n3,1,1,x,2,north\r\n30,2,10,y,20,south\r\n");
        assertThat(t.featureNames()).containsExactly("f_0", "f_1", "f_2");
        assertThat(t.valuesRowMajor()).containsExactly(1, 2, 3, 10, 20, 30);
        assertThat(t.metadataNames()).containsExactly("id", "note", "site");
        assertThat(t.metadata(1)).containsExactly("2", "y", "south");
        assertThat(t.sourceRow(0)).isEqualTo(2);
        assertThat(t.sourceRow(1)).isEqualTo(3);
    }

    @Test
    void source_rows_count_a_quoted_line_break_as_the_spreadsheet_does() {
        FeatureTable t = readByName("f_0,f_1,f_2,note\n1,2,3,\"two\nlines\"\n4,5,6,x\n");
        assertThat(t.sourceRow(1)).isEqualTo(4);
        assertThat(t.slice(1, 2).sourceRow(0)).isEqualTo(4);
    }

    @Test
    void by_name_names_the_first_missing_feature_and_how_many_there_are() {
        assertThatThrownBy(() -> readByName("f_0,id,f_2\n1,a,3\n")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MISSING_COLUMN);
                    assertThat(e.row()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo("f_1");
                    assertThat(e.getMessage()).contains("the baseline's feature column 'f_1' is missing (2 of 3");
                });
    }

    @Test
    void by_name_without_any_feature_hints_at_another_separator() {
        assertThatThrownBy(() -> readByName("f_0;f_1;f_2\n1;2;3\n")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.getMessage()).contains("none of the baseline's 3 feature columns ('f_0' to 'f_2')")
                        .contains("separated by something other than commas"));
        assertThatThrownBy(() -> readByName("a,b\n1,2\n")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.getMessage()).contains("none of the baseline's 3 feature columns")
                        .doesNotContain("separated"));
    }

    @Test
    void by_name_still_names_a_bad_value_by_its_row_and_feature() {
        assertThatThrownBy(() -> readByName("id,f_2,f_1,f_0\na,3,2,1\nb,3,x,1\n"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.row()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo("f_1");
                });
    }
}
