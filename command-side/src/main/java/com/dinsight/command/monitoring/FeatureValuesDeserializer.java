package com.dinsight.command.monitoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code features} object into {@link FeatureValues}: floating-point numbers straight from
 * the parser, everything else through the deserializer a {@code Map<String, Object>} uses for its
 * values. A value that is not an object goes to the map deserializer itself, so it is refused (or
 * coerced) with the same error as before.
 *
 * <p>A client sends the same feature names in the same order row after row, so each name after the
 * first is compared, byte for byte in the parser's buffer, with the name at its place in a recent row
 * that began with the same name ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)});
 * only a name that differs goes through the parser's symbol table. With 1,024 features a row, that
 * lookup was the largest single cost of reading a monitoring post. The names of the last
 * {@value #REMEMBERED} feature sets are kept (one per first name), so clients of baselines with
 * different sensors, posting in turn, each keep their prediction.
 */
final class FeatureValuesDeserializer extends StdDeserializer<FeatureValues> implements ContextualDeserializer {

    private static final int INITIAL_CAPACITY = 64;
    static final int REMEMBERED = 8;
    private static final SerializedString[] NONE = new SerializedString[0];

    private final transient JsonDeserializer<Object> untyped;
    /**
     * The names of recent rows in their order, most recent first, at most one list per first name: the
     * expected name at each place of a row that begins the same way, and (their number) its first
     * capacity. A list is replaced when a row that begins with its name differs from it.
     */
    private volatile SerializedString[][] recentNames = new SerializedString[0][];

    FeatureValuesDeserializer() {
        this(null);
    }

    private FeatureValuesDeserializer(JsonDeserializer<Object> untyped) {
        super(FeatureValues.class);
        this.untyped = untyped;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        return new FeatureValuesDeserializer(ctxt.findContextualValueDeserializer(ctxt.constructType(Object.class), property));
    }

    @Override
    public FeatureValues deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String name;
        if (p.isExpectedStartObjectToken()) {
            name = p.nextFieldName();
        } else if (p.hasToken(JsonToken.FIELD_NAME)) {
            name = p.currentName();
        } else if (p.hasToken(JsonToken.END_OBJECT)) {
            name = null;
        } else {
            return fromMap(p, ctxt);
        }
        SerializedString[] expected = name == null ? NONE : namesStartingWith(name);
        boolean bigDecimals = ctxt.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        FeatureValues features = new FeatureValues(Math.max(INITIAL_CAPACITY, expected.length));
        int matched = 0; // names that were the expected one at their place
        for (; name != null; name = nextName(p, expected, features.size())) {
            int k = features.size();
            if (k < expected.length && name.equals(expected[k].getValue())) {
                matched++;
            }
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NUMBER_FLOAT && !bigDecimals) {
                features.addNumber(name, p.getDoubleValue());
            } else if (value == JsonToken.VALUE_NULL) {
                features.addValue(name, null);
            } else {
                features.addValue(name, untyped.deserialize(p, ctxt));
            }
        }
        if (features.size() > 0 && (matched != expected.length || features.size() != expected.length)) {
            remember(namesOf(features));
        }
        return features;
    }

    /** The names of the most recent row that began with {@code first}, or none. */
    private SerializedString[] namesStartingWith(String first) {
        for (SerializedString[] names : recentNames) {
            if (names[0].getValue().equals(first)) {
                return names;
            }
        }
        return NONE;
    }

    /** Keeps {@code names} first, in place of the list with the same first name, and at most {@link #REMEMBERED} lists. */
    private void remember(SerializedString[] names) {
        SerializedString[][] before = recentNames;
        List<SerializedString[]> after = new ArrayList<>(REMEMBERED);
        after.add(names);
        for (SerializedString[] other : before) {
            if (after.size() < REMEMBERED && !other[0].getValue().equals(names[0].getValue())) {
                after.add(other);
            }
        }
        recentNames = after.toArray(SerializedString[][]::new);
    }

    /** How many feature sets are remembered (for tests). */
    int rememberedSets() {
        return recentNames.length;
    }

    /**
     * The next field's name, or null at the end of the object; {@code k} is its place in the row. A
     * name that is the expected one comes back as that very string, which is how the caller counts it.
     */
    private static String nextName(JsonParser p, SerializedString[] expected, int k) throws IOException {
        if (k >= expected.length) {
            return p.nextFieldName();
        }
        if (p.nextFieldName(expected[k])) {
            return expected[k].getValue();
        }
        return p.hasToken(JsonToken.FIELD_NAME) ? p.currentName() : null;
    }

    private static SerializedString[] namesOf(FeatureValues features) {
        SerializedString[] names = new SerializedString[features.size()];
        for (int k = 0; k < names.length; k++) {
            names[k] = new SerializedString(features.name(k));
        }
        return names;
    }

    private static FeatureValues fromMap(JsonParser p, DeserializationContext ctxt) throws IOException {
        JavaType mapType = ctxt.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
        Map<String, Object> map = ctxt.readValue(p, mapType);
        if (map == null) {
            return null;
        }
        FeatureValues features = new FeatureValues(map.size());
        map.forEach(features::addValue);
        return features;
    }
}
