package com.dinsight.engine;

/** 2D points of projected rows, in row order. */
public record Projection(double[] x, double[] y) {
}
