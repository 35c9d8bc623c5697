package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTablesTest {

    private static FeatureTable read(String name, String csv) {
        return FeatureTableReader.read(new StringReader(csv), name, "id", "f_0", "f_1");
    }

    @Test
    void merges_files_with_one_header_in_the_order_given() {
        FeatureTable merged = FeatureTables.concat(List.of(
                read("a.csv", "id,f_0,f_1\na1,1,2\na2,3,4\n"), read("b.csv", "id,f_0,f_1\nb1,5,6\n")));
        assertThat(merged.rows()).isEqualTo(3);
        assertThat(merged.row(2)).containsExactly(5, 6);
        assertThat(merged.metadata(2)).containsExactly("b1");
        assertThat(merged.source()).isEqualTo("a.csv + b.csv");
    }

    @Test
    void a_file_with_another_header_is_named_with_its_first_differing_column() {
        assertThatThrownBy(() -> FeatureTables.concat(List.of(
                read("a.csv", "id,f_0,f_1\na1,1,2\n"), read("b.csv", "id,f_0,x,f_1\nb1,5,0,6\n"))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    InvalidInputException error = (InvalidInputException) e;
                    assertThat(error.file()).isEqualTo("b.csv");
                    assertThat(error.column()).isEqualTo("x");
                });
    }
}
