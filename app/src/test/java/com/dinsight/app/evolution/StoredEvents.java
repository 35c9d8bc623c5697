package com.dinsight.app.evolution;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events as {@code axon.domain_event_entry} holds them, read and written with SQL: how the tests
 * put an event of an old revision into the store, in the serializer's own format.
 */
final class StoredEvents {

    /** One stored event: its payload as text, its revision, and the raw metadata and timestamp columns. */
    record StoredEvent(String payload, String revision, byte[] metaData, String timestamp) {
    }

    private final JdbcClient jdbc;

    StoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The aggregate's latest event of that payload type. */
    StoredEvent last(String aggregateId, String payloadType) {
        return jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8'), payloadRevision, metaData, timeStamp
                        FROM axon.domain_event_entry WHERE aggregateIdentifier = ? AND payloadType = ?
                        ORDER BY sequenceNumber DESC LIMIT 1""")
                .params(aggregateId, payloadType)
                .query((rs, row) -> new StoredEvent(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4)))
                .single();
    }

    /**
     * Appends {@code payload} as the aggregate's next event, stored as {@code revision} of
     * {@code payloadType}, with the metadata and timestamp of {@code template}.
     */
    void append(String aggregateType, String aggregateId, String payloadType, String revision, String payload,
                StoredEvent template) {
        long next = jdbc.sql("SELECT max(sequenceNumber) + 1 FROM axon.domain_event_entry WHERE aggregateIdentifier = ?")
                .param(aggregateId).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO axon.domain_event_entry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,
                            metaData, payload, payloadRevision, payloadType, timeStamp)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(aggregateId, next, aggregateType, UUID.randomUUID().toString(), template.metaData(),
                        payload.getBytes(StandardCharsets.UTF_8), revision, payloadType, template.timestamp())
                .update();
    }
}
