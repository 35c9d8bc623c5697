package com.dinsight.command.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The deserializer on its own: which feature sets it keeps its name prediction for. */
class FeatureValuesDeserializerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeatureValuesDeserializer deserializer = new FeatureValuesDeserializer();

    private FeatureValues read(String json) throws Exception {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            DefaultDeserializationContext context = ((DefaultDeserializationContext) JSON.getDeserializationContext())
                    .createInstance(JSON.getDeserializationConfig(), parser, JSON.getInjectableValues());
            return deserializer.deserialize(parser, context);
        }
    }

    private static String row(String prefix, int size, double base) {
        return IntStream.range(0, size).mapToObj(c -> "\"" + prefix + c + "\": " + (base + c + 0.5))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @Test
    void clients_of_two_baselines_posting_in_turn_each_keep_their_names_and_values() throws Exception {
        for (int round = 0; round < 3; round++) {
            FeatureValues a = read(row("a_", 5, 10 * round));
            FeatureValues b = read(row("b_", 7, 100 + 10 * round));
            assertThat(a.size()).isEqualTo(5);
            assertThat(a.name(4)).isEqualTo("a_4");
            assertThat(a.number(4)).isEqualTo(10 * round + 4.5);
            assertThat(b.size()).isEqualTo(7);
            assertThat(b.name(6)).isEqualTo("b_6");
            assertThat(b.number(6)).isEqualTo(100 + 10 * round + 6.5);
        }
        assertThat(deserializer.rememberedSets()).as("one list per first name, not replaced at every row").isEqualTo(2);
    }

    @Test
    void a_set_that_changes_after_its_first_name_replaces_its_list_and_only_the_most_recent_sets_are_kept()
            throws Exception {
        read(row("a_", 5, 0));
        FeatureValues longer = read(row("a_", 9, 0));
        assertThat(longer.size()).isEqualTo(9);
        assertThat(longer.number(8)).isEqualTo(8.5);
        assertThat(deserializer.rememberedSets()).isEqualTo(1);
        for (int set = 0; set < FeatureValuesDeserializer.REMEMBERED + 3; set++) {
            read(row("s" + set + "_", 3, set));
        }
        assertThat(deserializer.rememberedSets()).isEqualTo(FeatureValuesDeserializer.REMEMBERED);
        assertThat(read("{}").size()).isZero();
        assertThat(deserializer.rememberedSets()).isEqualTo(FeatureValuesDeserializer.REMEMBERED);
    }
}
