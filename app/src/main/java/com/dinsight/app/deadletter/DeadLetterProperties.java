package com.dinsight.app.deadletter;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dinsight.dead-letters.processors}: the event processors whose poison events are parked in
 * {@code axon.dead_letter_entry} instead of stopping them (default {@code read-model}).
 */
@ConfigurationProperties("dinsight.dead-letters")
record DeadLetterProperties(List<String> processors) {

    DeadLetterProperties {
        processors = processors == null ? List.of("read-model") : List.copyOf(processors);
    }
}
