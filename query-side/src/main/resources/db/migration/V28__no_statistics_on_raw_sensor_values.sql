-- ANALYZE samples up to 30,000 rows and, for an array column, reads each sampled array whole and
-- gathers statistics on its elements: for monitor_values (1,024 doubles a row) that took 2.2 s of
-- CPU on an idle machine and 3.7 s under monitoring load, each time autovacuum analyzed the table
-- (every 10% of growth), against 0.5 s without it. No query filters or sorts on the raw values, so
-- the planner has no use for their statistics. docs/schema-changes.md.
ALTER TABLE monitor_data ALTER COLUMN monitor_values SET STATISTICS 0;
ALTER TABLE feature_data ALTER COLUMN feature_values SET STATISTICS 0;
