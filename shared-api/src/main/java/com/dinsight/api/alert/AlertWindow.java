package com.dinsight.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The span an anomaly rate is measured over: the last {@code points} monitoring points or the last {@code minutes}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertWindow(Integer points, Integer minutes) {
}
