-- The seed's "Current Schema (Implemented)", as written.

CREATE TABLE file_uploads (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    original_filename VARCHAR(255) NOT NULL,
    file_size BIGINT NOT NULL,
    file_path VARCHAR(500),
    status VARCHAR(50) NOT NULL DEFAULT 'pending',
    error_message TEXT,
    merged_files JSONB,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_file_uploads_status ON file_uploads(status);
CREATE INDEX idx_file_uploads_created_at ON file_uploads(created_at);

CREATE TABLE config_data (
    id SERIAL PRIMARY KEY,
    -- Editable parameters
    gamma0 FLOAT NOT NULL DEFAULT 1e-7,
    optimizer VARCHAR(50) NOT NULL DEFAULT 'adam',
    alpha FLOAT NOT NULL DEFAULT 0.1,
    end_meta VARCHAR(255) NOT NULL DEFAULT 'participant',
    start_dim VARCHAR(255) NOT NULL DEFAULT 'f_0',
    end_dim VARCHAR(255) NOT NULL DEFAULT 'f_1023',
    -- Non-editable parameters (set by system)
    imax INTEGER NOT NULL DEFAULT 1000,
    lowdim INTEGER NOT NULL DEFAULT 2,
    eta FLOAT NOT NULL DEFAULT 0.5,
    epsilon FLOAT NOT NULL DEFAULT 1e-8,
    beta1 FLOAT NOT NULL DEFAULT 0.9,
    beta2 FLOAT NOT NULL DEFAULT 0.999,
    beta FLOAT NOT NULL DEFAULT 0.5,
    a FLOAT NOT NULL DEFAULT 0.8,
    w1 FLOAT NOT NULL DEFAULT 0.04,
    w2 FLOAT NOT NULL DEFAULT 1,
    which_w1 VARCHAR(50) NOT NULL DEFAULT 'auto',
    mode VARCHAR(50) NOT NULL DEFAULT 'kanadaSan',
    param_mode FLOAT NOT NULL DEFAULT 0.3,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_config_data_created_at ON config_data(created_at DESC);

CREATE TABLE dinsight_data (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    file_upload_id UUID NOT NULL REFERENCES file_uploads(id),
    config_id INTEGER NOT NULL REFERENCES config_data(id),
    x_values FLOAT[] NOT NULL,
    y_values FLOAT[] NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_dinsight_data_file_upload ON dinsight_data(file_upload_id);
CREATE INDEX idx_dinsight_data_config ON dinsight_data(config_id);

CREATE TABLE feature_data (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    file_upload_id UUID NOT NULL REFERENCES file_uploads(id),
    feature_values FLOAT[][] NOT NULL,
    metadata JSONB,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_feature_data_file_upload ON feature_data(file_upload_id);

CREATE TABLE monitor_data (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    dinsight_id UUID NOT NULL REFERENCES dinsight_data(id),
    monitor_values FLOAT[] NOT NULL,
    x_values FLOAT[] NOT NULL,
    y_values FLOAT[] NOT NULL,
    metadata JSONB,
    process_order INTEGER NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_monitor_data_dinsight ON monitor_data(dinsight_id);
CREATE INDEX idx_monitor_data_process_order ON monitor_data(process_order);
