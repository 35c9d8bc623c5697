package com.dinsight.app.deadletter;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.error.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Lists, retries and evicts the parked events of the processors in
 * {@code dinsight.dead-letters.processors}. Listing reads {@code axon.dead_letter_entry}; retrying and
 * evicting go through Axon's queue and processor, so a retry runs the same handlers as live events.
 */
@Service
class DeadLetters {

    private static final String COLUMNS = """
            processingGroup, sequenceIdentifier, sequenceIndex, eventIdentifier, payloadType, payloadRevision, type,
            aggregateIdentifier, sequenceNumber, enqueuedAt, lastTouched, causeType, causeMessage, diagnostics""";

    private final DeadLetterProperties properties;
    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    DeadLetters(DeadLetterProperties properties, EventProcessingConfiguration processing, JdbcClient jdbc,
                Serializer serializer) {
        this.properties = properties;
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    DeadLetterView.Page list(String processor, int page, int size) {
        known(processor);
        List<DeadLetterView> items = jdbc.sql("SELECT " + COLUMNS + " FROM axon.dead_letter_entry"
                        + " WHERE processingGroup = ? ORDER BY enqueuedAt, sequenceIdentifier, sequenceIndex"
                        + " LIMIT ? OFFSET ?")
                .params(processor, size, (long) page * size)
                .query((rs, row) -> view(rs)).list();
        long total = jdbc.sql("SELECT count(*) FROM axon.dead_letter_entry WHERE processingGroup = ?")
                .param(processor).query(Long.class).single();
        return new DeadLetterView.Page(items, page, size, total);
    }

    /**
     * Processes up to {@code limit} parked sequences, least recently touched first, each from its
     * first letter until one fails again; or only the given sequence.
     */
    DeadLetterView.RetryOutcome retry(String processor, String sequenceId, int limit) {
        known(processor);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processorOf(processor);
        if (sequenceId != null) {
            requireParked(processor, sequenceId);
            boolean ok = letters.process(letter -> sequenceId.equals(sequenceOf(letter)));
            return new DeadLetterView.RetryOutcome(processor, 1, ok ? 1 : 0, ok ? 0 : 1);
        }
        Set<String> attempted = new HashSet<>();
        int succeeded = 0;
        while (attempted.size() < limit) {
            int before = attempted.size();
            boolean ok = letters.process(letter -> attempted.add(sequenceOf(letter)));
            if (attempted.size() == before) {
                break; // nothing left that was not tried in this request
            }
            succeeded += ok ? 1 : 0;
        }
        return new DeadLetterView.RetryOutcome(processor, attempted.size(), succeeded, attempted.size() - succeeded);
    }

    void evict(String processor, String sequenceId) {
        known(processor);
        requireParked(processor, sequenceId);
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(processor)
                .orElseThrow(() -> notRunningHere(processor));
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequenceId)) {
            queue.evict(letter);
        }
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processorOf(String processor) {
        return processing.sequencedDeadLetterProcessor(processor).orElseThrow(() -> notRunningHere(processor));
    }

    private void known(String processor) {
        if (processor == null || !properties.processors().contains(processor)) {
            throw ApiException.invalid(List.of(new FieldError("processor",
                    "must be one of " + String.join(", ", properties.processors()))));
        }
    }

    private void requireParked(String processor, String sequenceId) {
        boolean parked = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM axon.dead_letter_entry
                        WHERE processingGroup = ? AND sequenceIdentifier = ?)""")
                .params(processor, sequenceId).query(Boolean.class).single();
        if (!parked) {
            throw new NotFoundException("No parked sequence " + sequenceId + " in " + processor);
        }
    }

    private static ApiException notRunningHere(String processor) {
        return new ApiException(ErrorCode.CONFLICT, "The processor " + processor + " does not run on this node");
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbcLetter ? jdbcLetter.getSequenceIdentifier() : null;
    }

    private DeadLetterView view(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payloadType");
        long sequenceNumber = rs.getLong("sequenceNumber");
        Long aggregateSequence = rs.wasNull() ? null : sequenceNumber;
        return new DeadLetterView(rs.getString("processingGroup"), rs.getString("sequenceIdentifier"),
                rs.getLong("sequenceIndex"), rs.getString("eventIdentifier"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), rs.getString("payloadRevision"),
                rs.getString("type"), rs.getString("aggregateIdentifier"), aggregateSequence,
                instant(rs.getString("enqueuedAt")), instant(rs.getString("lastTouched")), rs.getString("causeType"),
                rs.getString("causeMessage"), PoisonEventPolicy.retries(diagnostics(rs.getBytes("diagnostics"))));
    }

    private MetaData diagnostics(byte[] bytes) {
        if (bytes == null) {
            return MetaData.emptyInstance();
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, MetaData.class.getName(), null));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
