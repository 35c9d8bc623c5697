package com.dinsight.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * When a rule matches a monitoring point. {@code metric} is {@value #MAHALANOBIS_DISTANCE} (value a
 * number), {@value #ANOMALY_RATE} (value a fraction 0..1, with a window) or {@value #SEVERITY}
 * (operator {@code at_least}, value one of {@link #SEVERITIES}). {@code value} is a Double or a String.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertCondition(String metric, String operator, Object value, AlertWindow window) {

    public static final String MAHALANOBIS_DISTANCE = "mahalanobis_distance";
    public static final String ANOMALY_RATE = "anomaly_rate";
    public static final String SEVERITY = "severity";
    public static final java.util.List<String> SEVERITIES = java.util.List.of("low", "medium", "high", "critical");

    /** The rank of a severity (low 1 .. critical 4), 0 for none or unknown. */
    public static int rank(String severity) {
        return severity == null ? 0 : SEVERITIES.indexOf(severity) + 1;
    }
}
