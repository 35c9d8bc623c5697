-- Two engine parameters beyond the seed's columns (dinsight-algorithm.md sections 0 and 3);
-- see docs/schema-changes.md.
ALTER TABLE config_data
    ADD COLUMN feature_scaling VARCHAR(50) NOT NULL DEFAULT 'standard',
    ADD COLUMN detection_method VARCHAR(50) NOT NULL DEFAULT 'hybrid';
