package com.dinsight.api.analysis;

import java.util.UUID;

/** GET /dinsight/{id}: the 2D coordinates of a baseline, in row order. */
public record DinsightView(UUID dinsightId, UUID fileUploadId, int configId, double[] dinsightX, double[] dinsightY) {
}
