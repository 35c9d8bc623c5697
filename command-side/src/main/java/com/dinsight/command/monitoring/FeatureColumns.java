package com.dinsight.command.monitoring;

import com.dinsight.engine.BaselineModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A baseline's feature names in order, with a name-to-column map computed once per baseline
 * model (not per request), so placing a row's named values costs one hash lookup per value.
 * Should a name occur twice, both columns take the value given for it, as a lookup by name did.
 */
final class FeatureColumns {

    private final String[] names;
    private final Map<String, Integer> firstColumn;
    private final int[] firstColumnOf;

    FeatureColumns(List<String> names) {
        // interned like the field names Jackson reads, so a lookup matches by identity
        this.names = names.stream().map(String::intern).toArray(String[]::new);
        this.firstColumn = new HashMap<>(Math.max(16, this.names.length * 2));
        this.firstColumnOf = new int[this.names.length];
        for (int c = 0; c < this.names.length; c++) {
            Integer first = firstColumn.putIfAbsent(this.names[c], c);
            firstColumnOf[c] = first == null ? c : first;
        }
    }

    static FeatureColumns of(BaselineModel model) {
        return new FeatureColumns(model.featureNames());
    }

    int size() {
        return names.length;
    }

    String name(int c) {
        return names[c];
    }

    /** The names in column order; shared, not copied: never modify. */
    String[] names() {
        return names;
    }

    /** The first column of this name, or -1 when it is not a feature of the baseline. */
    int columnOf(String name) {
        Integer column = firstColumn.get(name);
        return column == null ? -1 : column;
    }

    /**
     * {@link #columnOf(String)}, checking column {@code likely} first: a client sends the features
     * in the baseline's order, and the names Jackson reads are interned, so one identity comparison
     * usually replaces the hash lookup.
     */
    int columnOf(String name, int likely) {
        if (likely < names.length && names[likely] == name) {
            return firstColumnOf[likely];
        }
        return columnOf(name);
    }

    /** The first column with the name of column c (c itself unless the name occurs earlier). */
    int firstColumnOf(int c) {
        return firstColumnOf[c];
    }
}
