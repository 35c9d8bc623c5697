package com.dinsight.command.monitoring;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Arrays;

/**
 * A row's {@code features} object as read, in its order (duplicate keys included): each JSON
 * number as a double, without a boxed value or a map entry per feature. Any other value (text,
 * true, null, an object or array) and an integer are also kept as Jackson reads them into a
 * {@code Map<String, Object>}, so metadata and error messages show them exactly as before.
 */
@JsonDeserialize(using = FeatureValuesDeserializer.class)
final class FeatureValues {

    private String[] names;
    private double[] numbers;
    /** Values that are not floating-point numbers; made on the first one, since most rows have none. */
    private Object[] values;
    private boolean[] numeric;
    private int size;

    FeatureValues(int capacity) {
        names = new String[capacity];
        numbers = new double[capacity];
        numeric = new boolean[capacity];
    }

    /** A JSON floating-point number: its double only, boxed on demand by {@link #value}. */
    void addNumber(String name, double number) {
        int k = next();
        names[k] = name;
        numbers[k] = number;
        numeric[k] = true;
    }

    /** Any other value, as the untyped reader gave it (an integer is numeric too). */
    void addValue(String name, Object value) {
        int k = next();
        names[k] = name;
        if (values == null) {
            values = new Object[names.length];
        }
        values[k] = value;
        if (value instanceof Number number) {
            numbers[k] = number.doubleValue();
            numeric[k] = true;
        }
    }

    int size() {
        return size;
    }

    String name(int k) {
        return names[k];
    }

    boolean isNumber(int k) {
        return numeric[k];
    }

    double number(int k) {
        return numbers[k];
    }

    /** The value as a {@code Map<String, Object>} would hold it (a Double for a floating-point number). */
    Object value(int k) {
        Object value = values == null ? null : values[k];
        return value == null && numeric[k] ? Double.valueOf(numbers[k]) : value;
    }

    private int next() {
        if (size == names.length) {
            int capacity = Math.max(16, size * 2);
            names = Arrays.copyOf(names, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
            values = values == null ? null : Arrays.copyOf(values, capacity);
            numeric = Arrays.copyOf(numeric, capacity);
        }
        return size++;
    }
}
