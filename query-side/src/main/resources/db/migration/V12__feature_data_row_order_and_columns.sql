-- The read side of uploads and analyses (docs/analysis-read-model.md, docs/schema-changes.md).
--
-- feature_data holds one row per table row (feature_values is that row as a 1 x M FLOAT[][]).
-- The seed gives the rows no order, but the API answers them in file order and by range, and the
-- 2D coordinates of dinsight_data are in the same order: row_index is the row's 0-based place in
-- its upload's (merged) table. The projection is the only writer and wrote no rows before this
-- migration, so the column can be NOT NULL. The unique index serves ORDER BY and ranges and makes
-- a duplicated row impossible.
ALTER TABLE feature_data ADD COLUMN row_index INTEGER NOT NULL;
CREATE UNIQUE INDEX idx_feature_data_file_upload_row ON feature_data(file_upload_id, row_index);

-- One row per parsed upload: the column names of its table (the FileParsed event carries only the
-- column selection; the names are read from the parsed files), its row count, and the selection.
-- Written in the same transaction as the upload's feature_data rows.
CREATE TABLE feature_columns (
    file_upload_id UUID PRIMARY KEY REFERENCES file_uploads(id),
    metadata_names TEXT[] NOT NULL,
    feature_names TEXT[] NOT NULL,
    total_rows INTEGER NOT NULL,
    column_selection JSONB NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

GRANT SELECT ON feature_columns TO dinsight_reader;
