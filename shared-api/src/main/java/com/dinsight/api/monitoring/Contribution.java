package com.dinsight.api.monitoring;

/** One of the features that contributed most to a point's score: its value, the baseline mean, its z. */
public record Contribution(String feature, double value, double baselineMean, double z) {
}
