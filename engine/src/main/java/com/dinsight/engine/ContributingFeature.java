package com.dinsight.engine;

/** One of a row's five features with the largest |z| (section 3.6). */
public record ContributingFeature(String name, double value, double baselineMean, double z) {
}
