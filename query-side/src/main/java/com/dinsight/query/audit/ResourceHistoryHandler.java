package com.dinsight.query.audit;

import com.dinsight.api.Caller;
import com.dinsight.api.audit.FetchResourceHistory;
import com.dinsight.api.audit.HistoryEvent;
import com.dinsight.api.audit.ResourceHistory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Revision;
import org.springframework.stereotype.Component;

/**
 * A resource's history straight from the event store (never the read model): its events in
 * sequence order, from the first, never from a snapshot. Who may read it is decided from the
 * stream too: admins any, a user the resources whose first event names them as owner.
 */
@Component
class ResourceHistoryHandler {

    private final EventStore eventStore;

    ResourceHistoryHandler(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    Optional<ResourceHistory> handle(FetchResourceHistory query) {
        Optional<AuditResource> resource = AuditResource.of(query.resourceType());
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        DomainEventStream stream = eventStore.readEvents(query.resourceId(), 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.peek();
        if (!resource.get().aggregateType().equals(first.getType()) || !mayRead(query.caller(), resource.get(), first)) {
            return Optional.empty();
        }
        long from = (long) query.page() * query.size();
        List<HistoryEvent> items = new ArrayList<>();
        DomainEventStream page = from == 0 ? stream : eventStore.readEvents(query.resourceId(), from);
        while (page.hasNext() && items.size() < query.size()) {
            items.add(event(page.next()));
        }
        long total = eventStore.lastSequenceNumberFor(query.resourceId()).map(last -> last + 1).orElse(0L);
        return Optional.of(new ResourceHistory(query.resourceType(), query.resourceId(), items, query.page(),
                query.size(), total));
    }

    private static boolean mayRead(Caller caller, AuditResource resource, DomainEventMessage<?> first) {
        if (caller.isAdmin()) {
            return true;
        }
        return resource.ownerField().map(field -> {
            JsonNode owner = AuditMasking.masked(first.getPayload()).get(field);
            return owner != null && caller.userId().toString().equals(owner.asText());
        }).orElse(false);
    }

    private static HistoryEvent event(DomainEventMessage<?> message) {
        Class<?> type = message.getPayloadType();
        Revision revision = type.getAnnotation(Revision.class);
        ObjectNode payload = AuditMasking.masked(message.getPayload());
        MetaData metaData = message.getMetaData();
        return new HistoryEvent(message.getSequenceNumber(), message.getIdentifier(), type.getSimpleName(),
                revision == null ? null : revision.value(), message.getTimestamp(),
                AuditRow.uuid(text(metaData.get(AuditRow.USER_ID))), text(metaData.get(AuditRow.IP_ADDRESS)),
                text(metaData.get(AuditRow.USER_AGENT)), AuditMasking.toMap(payload));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
