-- Read-model tables beyond the seed for monitoring (docs/schema-changes.md):
-- baselines: one row per baseline registered for monitoring, with the calibrated thresholds and
--   the centroid of its points, so the comparison summary needs no blob read;
-- anomaly_thresholds: each dataset's anomaly_threshold and sensitivity_factor.
CREATE TABLE baselines (
    dinsight_id   UUID PRIMARY KEY REFERENCES dinsight_data(id) ON DELETE CASCADE,
    analysis_id   UUID NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    dataset_id    UUID NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    owner_id      UUID,
    md_threshold  FLOAT NOT NULL,
    z_threshold   FLOAT NOT NULL,
    centroid_x    FLOAT NOT NULL,
    centroid_y    FLOAT NOT NULL,
    detection_method VARCHAR(50) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE anomaly_thresholds (
    dataset_id         UUID PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
    anomaly_threshold  FLOAT,
    sensitivity_factor FLOAT NOT NULL DEFAULT 1,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- monitor_data is read per baseline in process order
CREATE UNIQUE INDEX idx_monitor_data_dinsight_order ON monitor_data(dinsight_id, process_order);
