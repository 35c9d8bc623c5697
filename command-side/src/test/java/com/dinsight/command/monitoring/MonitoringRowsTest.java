package com.dinsight.command.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.engine.FeatureTable;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** JSON monitoring rows as the application's mapper reads them (application.yml), placed on three features. */
class MonitoringRowsTest {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, JsonParser.Feature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final FeatureColumns COLUMNS = new FeatureColumns(List.of("f_0", "f_1", "f_2"));

    private static FeatureTable table(String rows) throws Exception {
        return MonitoringRows.table(JSON.readValue("{\"rows\": [" + rows + "]}", MonitoringRows.Request.class), COLUMNS);
    }

    private static FieldError refusal(String rows) {
        try {
            table(rows);
        } catch (ApiException refused) {
            assertThat(refused.errors()).hasSize(1);
            return refused.errors().get(0);
        } catch (Exception other) {
            throw new AssertionError(other);
        }
        throw new AssertionError("accepted: " + rows);
    }

    @Test
    void features_by_name_in_any_order_are_placed_in_the_baselines_order() throws Exception {
        FeatureTable table = table("""
                {"features": {"f_2": -3e2, "f_0": 1.5, "f_1": 2}},
                {"features": {"f_1": 12345678901234567890, "f_2": 1E-320, "f_0": -0.0}}""");
        assertThat(table.featureNames()).containsExactly("f_0", "f_1", "f_2");
        assertThat(table.row(0)).containsExactly(1.5, 2.0, -300.0);
        assertThat(table.row(1)).containsExactly(-0.0, 1.2345678901234567E19, 1E-320);
        assertThat(table.metadataNames()).isEmpty();
    }

    @Test
    void values_in_order_and_features_by_name_mix_across_rows() throws Exception {
        FeatureTable table = table("""
                {"values": [1, 2.5, -3]},
                {"features": {"f_0": 1, "f_1": 2.5, "f_2": -3}}""");
        assertThat(table.row(0)).containsExactly(1.0, 2.5, -3.0);
        assertThat(table.row(1)).isEqualTo(table.row(0));
    }

    @Test
    void other_keys_of_features_are_metadata_as_text_objects_and_arrays_as_json_after_the_rows_metadata() throws Exception {
        FeatureTable table = table("""
                {"features": {"batch": "b-7", "f_0": 1, "line": 3, "f_1": 2, "ratio": 0.5, "big": 1e21, "gone": null,
                              "ok": true, "where": {"hall": [1, "a"]}, "f_2": 3, "site": "from features"},
                 "metadata": {"site": "north", "shift": 2}},
                {"values": [4, 5, 6], "metadata": {"shift": 3, "operator": "ann"}}""");
        assertThat(table.metadataNames())
                .containsExactly("site", "shift", "batch", "line", "ratio", "big", "gone", "ok", "where", "operator");
        assertThat(table.metadata(0)).containsExactly(
                "from features", "2", "b-7", "3", "0.5", "1.0E21", null, "true", "{\"hall\":[1,\"a\"]}", null);
        assertThat(table.metadata(1)).containsExactly(null, "3", null, null, null, null, null, null, null, "ann");
    }

    @Test
    void rows_wider_than_the_first_guess_keep_every_feature_and_every_other_value() throws Exception {
        // the reader sizes each row like the last one: a wide row after narrow ones, then a narrow one
        // after wide ones, with values that are not numbers before and after the numbers
        FeatureColumns wide = new FeatureColumns(IntStream.range(0, 150).mapToObj(c -> "g_" + c).toList());
        String numbers = IntStream.range(0, 150).mapToObj(c -> "\"g_" + c + "\": " + c + ".5").collect(Collectors.joining(", "));
        MonitoringRows.Request request = JSON.readValue("{\"rows\": [{\"features\": {\"f\": 1.5}}, {\"features\": {"
                + numbers + ", \"site\": \"north\", \"ok\": true}}, {\"features\": {\"ok\": null, " + numbers
                + "}}, {\"features\": {\"f\": 2.5, \"site\": \"south\"}}]}", MonitoringRows.Request.class);

        FeatureTable table = MonitoringRows.table(new MonitoringRows.Request(request.rows().subList(1, 3)), wide);
        assertThat(table.row(0)).hasSize(150).startsWith(0.5, 1.5).endsWith(149.5);
        assertThat(table.row(1)).isEqualTo(table.row(0));
        assertThat(table.metadataNames()).containsExactly("site", "ok");
        assertThat(table.metadata(0)).containsExactly("north", "true");
        assertThat(table.metadata(1)).containsExactly(null, null);
        FeatureValues narrow = request.rows().get(3).features();
        assertThat(narrow.size()).isEqualTo(2);
        assertThat(narrow.value(0)).isEqualTo(2.5);
        assertThat(narrow.value(1)).isEqualTo("south");
        assertThat(request.rows().get(0).features().value(0)).isEqualTo(1.5);
    }

    @Test
    void rows_that_change_their_names_order_or_spelling_keep_each_value_with_its_name() throws Exception {
        // each row's names are first compared with the row before's, place by place
        FeatureTable table = table("""
                {"features": {"f_0": 1.5, "f_1": 2.5, "f_2": 3.5}},
                {"features": {"f_0": 4.5, "f_1": 5.5, "f_2": 6.5}},
                {"features": {"f_2": 7.5, "f_0": 8.5, "f_1": 9.5}},
                {"features": {"f_2": 1.25, "note": "n", "f_0": 2.25, "f_1": 3.25}},
                {"features": {"f_2": 4.25, "f_0": 5.25, "f_1": 6.25}},
                {"features": {"f\\u005f2": 7.25, "f_0": 8.25, "f_1": 9.25}}""");
        assertThat(table.row(0)).containsExactly(1.5, 2.5, 3.5);
        assertThat(table.row(1)).containsExactly(4.5, 5.5, 6.5);
        assertThat(table.row(2)).containsExactly(8.5, 9.5, 7.5);
        assertThat(table.row(3)).containsExactly(2.25, 3.25, 1.25);
        assertThat(table.row(4)).containsExactly(5.25, 6.25, 4.25);
        assertThat(table.row(5)).containsExactly(8.25, 9.25, 7.25);
        assertThat(table.metadataNames()).containsExactly("note");
        assertThat(table.metadata(3)).containsExactly("n");
        assertThat(table.metadata(4)).containsExactly((String) null);
    }

    @Test
    void a_repeated_key_counts_with_its_last_value_as_in_a_map() throws Exception {
        FeatureTable table = table("""
                {"features": {"f_0": "x", "note": "first", "f_1": 2, "f_2": 3, "f_0": 9, "note": "last"}}""");
        assertThat(table.row(0)).containsExactly(9.0, 2.0, 3.0);
        assertThat(table.metadataNames()).containsExactly("note");
        assertThat(table.metadata(0)).containsExactly("last");
    }

    @Test
    void a_feature_that_is_not_a_finite_number_is_refused_naming_the_row_and_the_feature() {
        String others = "\"f_0\": 1, \"f_2\": 3";
        assertThat(refusal("{\"features\": {" + others + ", \"f_1\": \"abc\"}}"))
                .isEqualTo(new FieldError("rows[0].features.f_1", "must be a finite number, was the string \"abc\""));
        assertThat(refusal("{\"values\": [1, 2, 3]}, {\"features\": {" + others + ", \"f_1\": null}}"))
                .isEqualTo(new FieldError("rows[1].features.f_1", "must be a finite number, was null"));
        assertThat(refusal("{\"features\": {" + others + ", \"f_1\": 1e400}}").message())
                .isEqualTo("must be a finite number, was Infinity");
        assertThat(refusal("{\"features\": {" + others + ", \"f_1\": \"2.5\"}}").message())
                .as("a number sent as a string is refused, and the message shows it was one")
                .isEqualTo("must be a finite number, was the string \"2.5\"");
        assertThat(refusal("{\"features\": {" + others + ", \"f_1\": true}}").message())
                .isEqualTo("must be a finite number, was true");
        assertThat(refusal("{\"features\": {" + others + ", \"f_1\": {\"a\": 1}}}").message())
                .isEqualTo("must be a finite number, was {\"a\":1}");
        assertThat(refusal("{\"features\": {" + others + ", \"f_1\": [1, 2]}}").message())
                .isEqualTo("must be a finite number, was [1,2]");
    }

    @Test
    void a_missing_feature_is_refused_and_the_first_problem_in_the_baselines_order_is_named() {
        assertThat(refusal("{\"features\": {\"f_0\": 1, \"f_2\": 3, \"other\": 2}}"))
                .isEqualTo(new FieldError("rows[0].features", "has no value for the baseline's feature 'f_1'"));
        assertThat(refusal("{\"features\": {}}"))
                .isEqualTo(new FieldError("rows[0].features", "has no value for the baseline's feature 'f_0'"));
        assertThat(refusal("{\"features\": {\"f_0\": \"x\", \"f_1\": 2}}").field()).isEqualTo("rows[0].features.f_0");
        assertThat(refusal("{\"features\": {\"f_1\": \"x\"}}").field()).isEqualTo("rows[0].features");
    }

    @Test
    void values_must_match_the_baseline_in_number_and_be_finite_numbers() {
        assertThat(refusal("{\"values\": [1, 2]}"))
                .isEqualTo(new FieldError("rows[0].values", "has 2 values, the baseline has 3 features"));
        assertThat(refusal("{\"values\": [1, null, 3]}"))
                .isEqualTo(new FieldError("rows[0].values[1]", "must be a finite number, was null"));
        assertThat(refusal("{\"values\": [1, 2, \"x\"]}"))
                .isEqualTo(new FieldError("rows[0].values[2]", "must be a finite number, was the string \"x\""));
    }

    @Test
    void a_row_needs_exactly_one_of_features_and_values_and_a_request_at_least_one_row() throws Exception {
        FieldError either = new FieldError("rows[0]",
                "must have either 'features' (by name) or 'values' (in the baseline's order)");
        assertThat(refusal("{\"features\": {\"f_0\": 1, \"f_1\": 2, \"f_2\": 3}, \"values\": [1, 2, 3]}")).isEqualTo(either);
        assertThat(refusal("{\"metadata\": {\"a\": 1}}")).isEqualTo(either);
        assertThat(refusal("{\"features\": null, \"values\": null}")).isEqualTo(either);
        assertThat(refusal("null")).isEqualTo(either);
        assertThatThrownBy(() -> MonitoringRows.table(JSON.readValue("{\"rows\": []}", MonitoringRows.Request.class), COLUMNS))
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.errors())
                        .containsExactly(new FieldError("rows", "at least one row is required")));
    }

    @Test
    void features_that_are_not_an_object_are_refused_as_a_map_refuses_them() {
        for (String notAnObject : List.of("\"x\"", "1", "[1, 2, 3]", "true")) {
            assertThatThrownBy(() -> table("{\"features\": " + notAnObject + "}")).as(notAnObject)
                    .isInstanceOfSatisfying(MismatchedInputException.class, mismatch -> {
                        assertThat(mismatch.getPath()).extracting(ref -> ref.getFieldName() == null
                                ? "[" + ref.getIndex() + "]" : ref.getFieldName()).containsExactly("rows", "[0]", "features");
                        assertThat(mismatch.getTargetType()).isAssignableTo(java.util.Map.class);
                    });
        }
    }

    @Test
    void a_name_the_baseline_repeats_takes_the_same_value_in_both_columns() throws Exception {
        FeatureColumns repeated = new FeatureColumns(List.of("a", "b", "a"));
        FeatureTable table = MonitoringRows.table(JSON.readValue(
                "{\"rows\": [{\"features\": {\"b\": 2, \"a\": 7}}]}", MonitoringRows.Request.class), repeated);
        assertThat(Arrays.stream(table.row(0)).boxed()).containsExactly(7.0, 2.0, 7.0);
    }
}
