-- Points recorded per baseline, for the dashboard: maintained by the monitoring projection as
-- max(process_order) + 1 (process orders are gap-free), so handling a batch twice changes nothing
-- and no count(*) over monitor_data is needed (docs/schema-changes.md).
CREATE TABLE monitoring_counts (
    dinsight_id   UUID PRIMARY KEY REFERENCES dinsight_data(id) ON DELETE CASCADE,
    dataset_id    UUID NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    points        BIGINT NOT NULL,
    last_point_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX idx_monitoring_counts_dataset ON monitoring_counts(dataset_id);
-- the dashboard counts a dataset's anomalies of the last days
CREATE INDEX idx_anomalies_dataset_timestamp ON anomalies(dataset_id, timestamp DESC);
