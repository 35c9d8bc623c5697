package com.dinsight.app.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code dinsight_dead_letters{processor}}: events parked per processor, read from
 * {@code axon.dead_letter_entry} at each scrape, so an alert on "above 0" notices a parked event.
 */
@Component
class DeadLetterMetrics implements MeterBinder {

    private final DeadLetterProperties properties;
    private final JdbcClient jdbc;

    DeadLetterMetrics(DeadLetterProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String processor : properties.processors()) {
            Gauge.builder("dinsight.dead.letters", () -> parked(processor))
                    .tag("processor", processor)
                    .description("Events parked in the dead-letter queue of the processor")
                    .register(registry);
        }
    }

    private double parked(String processor) {
        try {
            return jdbc.sql("SELECT count(*) FROM axon.dead_letter_entry WHERE processingGroup = ?")
                    .param(processor).query(Long.class).single();
        } catch (RuntimeException databaseUnavailable) {
            return Double.NaN;
        }
    }
}
