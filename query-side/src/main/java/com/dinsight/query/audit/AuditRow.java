package com.dinsight.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;

/**
 * One audit_logs row, decided from the event message alone (so a replay writes the same row): id
 * from the event identifier, action the event's simple name, resource the aggregate, actor from
 * the request metadata, changes the masked payload, time the event's timestamp.
 */
record AuditRow(UUID id, UUID userId, String action, String resourceType, UUID resourceId, String changes,
                String ipAddress, String userAgent, Instant createdAt) {

    /** Metadata keys the command side puts on each request's messages (app's RequestMetadata). */
    static final String USER_ID = "userId";
    static final String IP_ADDRESS = "ipAddress";
    static final String USER_AGENT = "userAgent";
    /** Arrays longer than this (points of a monitoring batch, raw rows) are summarised in the audit row. */
    static final int MAX_ARRAY_ITEMS = 20;
    /** Texts longer than this (the packed raw rows of a small monitoring post) are summarised too. */
    static final int MAX_TEXT_CHARS = 2000;
    static final int MAX_USER_AGENT = 1000;
    /** The aggregate type of users, whose anonymous events (registration, login) are the user's own. */
    static final String USER_RESOURCE = "user";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    /**
     * The row of an event. The payload is taken in its stored JSON form when the message still holds
     * it (events read from the store, serialized by {@code serializer}), so it is never deserialized.
     */
    static AuditRow of(EventMessage<?> message, Serializer serializer) {
        String resourceType = null;
        String aggregateId = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
            resourceType = resourceType(domain.getType());
            aggregateId = domain.getAggregateIdentifier();
        }
        UUID resourceId = uuid(aggregateId);
        MetaData metaData = message.getMetaData();
        UUID userId = uuid(text(metaData.get(USER_ID)));
        if (userId == null && USER_RESOURCE.equals(resourceType)) {
            userId = resourceId;
        }
        JsonNode payload = message.serializePayload(serializer, JsonNode.class).getData();
        // summarised first: a monitoring batch's 500 points are counted, not masked one by one
        ObjectNode changes = AuditMasking.masked(payload instanceof ObjectNode object ? summarised(object) : payload);
        return new AuditRow(id(message.getIdentifier()), userId, message.getPayloadType().getSimpleName(), resourceType,
                resourceId, changes.toString(), ip(text(metaData.get(IP_ADDRESS))), agent(text(metaData.get(USER_AGENT))),
                message.getTimestamp());
    }

    /** "MonitoredBaseline" -> "monitored_baseline": the resource_type of an aggregate type. */
    static String resourceType(String aggregateType) {
        return CAMEL.matcher(aggregateType).replaceAll("_").toLowerCase(Locale.ROOT);
    }

    /** The event identifier when it is a UUID (Axon's default), else a name-based UUID of it. */
    static UUID id(String eventIdentifier) {
        UUID id = uuid(eventIdentifier);
        return id != null ? id : UUID.nameUUIDFromBytes(("event:" + eventIdentifier).getBytes(StandardCharsets.UTF_8));
    }

    static UUID uuid(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Only an IP literal reaches the INET column: anything else would stop the processor on a cast error. */
    static String ip(String value) {
        if (value == null) {
            return null;
        }
        return IPV4.matcher(value).matches() && validV4(value) || value.length() <= 45 && IPV6.matcher(value).matches()
                && validV6(value) ? value : null;
    }

    private static boolean validV4(String value) {
        for (String part : value.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean validV6(String value) {
        try {
            InetAddress.getByName(value); // a text with ':' is parsed as an IPv6 literal, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String agent(String value) {
        return value == null || value.length() <= MAX_USER_AGENT ? value : value.substring(0, MAX_USER_AGENT);
    }

    /** Long arrays become {"omitted_items": n}: the audit row says what happened, the history has every point. */
    static ObjectNode summarised(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode summary = summarise(field.getValue());
            if (summary != field.getValue()) {
                field.setValue(summary);
            }
        }
        return node;
    }

    private static JsonNode summarise(JsonNode value) {
        if (value instanceof ArrayNode array) {
            if (array.size() > MAX_ARRAY_ITEMS) {
                return JsonNodeFactory.instance.objectNode().put("omitted_items", array.size());
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode summary = summarise(array.get(i));
                if (summary != array.get(i)) {
                    array.set(i, summary);
                }
            }
            return array;
        }
        if (value instanceof ObjectNode object) {
            return summarised(object);
        }
        if (value.isTextual() && value.textValue().length() > MAX_TEXT_CHARS) {
            return JsonNodeFactory.instance.objectNode().put("omitted_characters", value.textValue().length());
        }
        return value;
    }
}
