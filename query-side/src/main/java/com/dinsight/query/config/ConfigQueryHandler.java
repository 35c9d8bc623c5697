package com.dinsight.query.config;

import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.FetchConfigVersion;
import com.dinsight.api.config.FetchLatestConfig;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

@Component
class ConfigQueryHandler {

    private final ConfigRowRepository rows;

    ConfigQueryHandler(ConfigRowRepository rows) {
        this.rows = rows;
    }

    @QueryHandler
    Optional<ConfigVersion> handle(FetchLatestConfig query) {
        return rows.findFirstByOrderByIdDesc().map(ConfigRow::toVersion);
    }

    @QueryHandler
    Optional<ConfigVersion> handle(FetchConfigVersion query) {
        return rows.findById(query.id()).map(ConfigRow::toVersion);
    }
}
