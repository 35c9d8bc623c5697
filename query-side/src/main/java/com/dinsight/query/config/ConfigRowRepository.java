package com.dinsight.query.config;

import java.util.Optional;
import org.springframework.data.repository.Repository;

interface ConfigRowRepository extends Repository<ConfigRow, Integer> {

    Optional<ConfigRow> findById(Integer id);

    Optional<ConfigRow> findFirstByOrderByIdDesc();
}
