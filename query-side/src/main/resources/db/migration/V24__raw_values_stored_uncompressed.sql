-- Raw sensor rows (1024 doubles, 8 KB each) do not compress: PostgreSQL's default TOAST storage
-- tried pglz on every row and failed, which made inserting them 2-4x slower (measured 1,000 rows:
-- 130-385 ms EXTENDED vs 50-80 ms EXTERNAL, same size). EXTERNAL keeps them out of line, unchanged.
-- docs/schema-changes.md.
ALTER TABLE monitor_data ALTER COLUMN monitor_values SET STORAGE EXTERNAL;
ALTER TABLE feature_data ALTER COLUMN feature_values SET STORAGE EXTERNAL;
