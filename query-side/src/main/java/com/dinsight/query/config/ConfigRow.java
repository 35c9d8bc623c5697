package com.dinsight.query.config;

import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.ProcessingConfig;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.Table;

/** A row of {@code config_data}: the configuration's columns are the embedded record's fields. */
@Table("config_data")
record ConfigRow(@Id Integer id, @Embedded.Nullable ProcessingConfig config, Instant createdAt) {

    ConfigVersion toVersion() {
        return new ConfigVersion(id, config, createdAt);
    }
}
