package com.dinsight.engine;

import java.util.Locale;

/** Severity of a scored row by r, its largest ratio to a threshold (section 3.5). */
public enum Severity {
    /** r &lt;= 1: not anomalous. */
    NONE,
    /** 1 &lt; r &lt;= 1.5. */
    LOW,
    /** 1.5 &lt; r &lt;= 2. */
    MEDIUM,
    /** 2 &lt; r &lt;= 3. */
    HIGH,
    /** r &gt; 3. */
    CRITICAL;

    public static Severity of(double ratio) {
        if (!(ratio > 1)) {
            return NONE;
        }
        if (ratio <= 1.5) {
            return LOW;
        }
        if (ratio <= 2) {
            return MEDIUM;
        }
        return ratio <= 3 ? HIGH : CRITICAL;
    }

    /** The lower-case name used in JSON and the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
