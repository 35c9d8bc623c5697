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
import java.util.Map;

/**
 * Reads a {@code features} object into {@link FeatureValues}: floating-point numbers straight from
 * the parser, everything else through the deserializer a {@code Map<String, Object>} uses for its
 * values. A value that is not an object goes to the map deserializer itself, so it is refused (or
 * coerced) with the same error as before.
 *
 * <p>A client sends the same feature names in the same order row after row, so each name is first
 * compared, byte for byte in the parser's buffer, with the name at its place in the last row read
 * ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}); only a name that
 * differs goes through the parser's symbol table. With 1,024 features a row, that lookup was the
 * largest single cost of reading a monitoring post.
 */
final class FeatureValuesDeserializer extends StdDeserializer<FeatureValues> implements ContextualDeserializer {

    private static final int INITIAL_CAPACITY = 64;

    private final transient JsonDeserializer<Object> untyped;
    /**
     * The names of the last row read, in its order: the expected name at each place of the next row,
     * and (their number) the next row's first capacity. Clients that send different names in turn
     * replace them at every row: they still read correctly, through the symbol table.
     */
    private volatile SerializedString[] lastNames = new SerializedString[0];

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
        SerializedString[] expected = lastNames;
        String name;
        if (p.isExpectedStartObjectToken()) {
            name = nextName(p, expected, 0);
        } else if (p.hasToken(JsonToken.FIELD_NAME)) {
            name = p.currentName();
        } else if (p.hasToken(JsonToken.END_OBJECT)) {
            name = null;
        } else {
            return fromMap(p, ctxt);
        }
        boolean bigDecimals = ctxt.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        FeatureValues features = new FeatureValues(Math.max(INITIAL_CAPACITY, expected.length));
        int matched = 0; // names that were the expected one at their place
        for (; name != null; name = nextName(p, expected, features.size())) {
            int k = features.size();
            if (k < expected.length && name == expected[k].getValue()) {
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
        if (matched != expected.length || features.size() != expected.length) {
            lastNames = namesOf(features);
        }
        return features;
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
