-- The command side's lookup from an anomaly to the baseline that recorded it; written with the
-- MonitoringRecorded events by the MonitoredBaseline aggregate (docs/decisions.md, decision 23).
CREATE SCHEMA IF NOT EXISTS monitoring;

CREATE TABLE monitoring.anomaly_index (
    anomaly_id  UUID PRIMARY KEY,
    dinsight_id UUID NOT NULL
);
