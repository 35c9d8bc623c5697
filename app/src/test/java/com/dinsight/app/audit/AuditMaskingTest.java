package com.dinsight.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertRuleCreated;
import com.dinsight.query.audit.AuditMasking;
import com.dinsight.query.audit.AuditResource;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Walks every event of shared-api (every {@code @Revision} class), fills each with values that look
 * like personal data and secrets, masks it as the audit log does, and finds none of them in clear.
 * A new text field must be masked by AuditMasking's rules or declared plain text below: the test
 * names the field otherwise, so a new event cannot leak by being forgotten.
 */
class AuditMaskingTest {

    /** Text fields shown as they are: none holds personal data or a secret. */
    private static final Set<String> PLAIN_TEXT = Set.of(
            // names and descriptions users give to things, reasons and messages written by the system or users
            "name", "description", "tags", "reason", "message", "error", "stage", "ruleName",
            // codes and enumerations
            "role", "previousRole", "newRole", "type", "outcome", "severity", "worstSeverity", "analysisType", "metric", "operator", "method",
            "optimizer", "featureScaling", "detectionMethod", "whichW1", "mode", "configId",
            // column names of the uploaded files and the features of the engine
            "endMeta", "startDim", "endDim", "feature",
            // a rule condition's threshold: a number or a severity
            "value",
            // content hashes of uploaded files (the blob store's names), not secrets
            "sha256",
            // a small monitoring post's feature values, packed doubles in base64
            "inlineValues",
            // where an alert was delivered: recorded without query string or masked by the command side, masked again here
            "target", "url");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|token|secret|hash|key|signature|credential).*");
    private static final Set<String> NOT_SECRET = Set.of("sha256");
    private static final String EMAIL = "jane.doe@example.com";
    private static final String PERSON = "Jane Doe";

    private static List<Class<?>> events;

    @BeforeAll
    static void findEvents() throws ClassNotFoundException {
        events = scan("com.dinsight.api", Revision.class);
        assertThat(events).hasSizeGreaterThan(30);
    }

    private static List<Class<?>> scan(String basePackage, Class<? extends java.lang.annotation.Annotation> annotation)
            throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
            found.add(Class.forName(definition.getBeanClassName()));
        }
        return found;
    }

    @Test
    void every_text_field_of_every_event_is_masked_or_declared_plain() {
        Set<String> unclassified = new TreeSet<>();
        for (Class<?> event : events) {
            textFields(event, event.getSimpleName(), unclassified, new ArrayList<>());
        }
        assertThat(unclassified).as("text fields neither masked by AuditMasking nor declared plain text in this test")
                .isEmpty();
    }

    private static void textFields(Type type, String path, Set<String> unclassified, List<Type> seen) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (Map.class.isAssignableFrom(raw)) {
                return; // free-form keys and values (dataset metadata, row metadata): covered by the value scan
            }
            for (Type argument : parameterized.getActualTypeArguments()) {
                textFields(argument, path, unclassified, seen);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !c.isRecord() || seen.contains(c)) {
            return;
        }
        seen.add(c);
        for (RecordComponent component : c.getRecordComponents()) {
            String name = component.getName();
            Type componentType = component.getGenericType();
            boolean text = componentType == String.class || componentType == Object.class
                    || componentType.getTypeName().equals("java.util.List<java.lang.String>");
            if (text && !AuditMasking.isSecret(name) && !AuditMasking.isEmail(name) && !AuditMasking.isPersonName(name)
                    && !PLAIN_TEXT.contains(name)) {
                unclassified.add(path + "." + name);
            }
            if (SECRET_NAME.matcher(name).matches() && !NOT_SECRET.contains(name) && !AuditMasking.isSecret(name)) {
                unclassified.add(path + "." + name + " (named like a secret but not removed)");
            }
            textFields(componentType, path + "." + name, unclassified, seen);
        }
        seen.remove(c);
    }

    @Test
    void no_event_shows_an_email_a_person_name_or_a_secret_after_masking() throws Exception {
        for (Class<?> event : events) {
            Object sample = sample(event, event.getSimpleName());
            JsonNode masked = AuditMasking.masked(sample);
            String json = masked.toString();
            assertThat(json).as(event.getSimpleName()).doesNotContain(EMAIL, PERSON, "s3cr3t-");
            assertNoSecretNames(masked, event.getSimpleName());
        }
    }

    private static void assertNoSecretNames(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertThat(SECRET_NAME.matcher(field.getKey()).matches() && !NOT_SECRET.contains(field.getKey()))
                        .as(path + "." + field.getKey() + " survived masking").isFalse();
                assertNoSecretNames(field.getValue(), path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            node.forEach(item -> assertNoSecretNames(item, path + "[]"));
        }
    }

    @Test
    void emails_in_alert_actions_and_credentials_in_webhook_urls_are_masked() {
        AlertRuleCreated rule = new AlertRuleCreated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Pumps",
                null, List.of(new AlertAction("email", null, "ops.team@example.org"),
                new AlertAction("webhook", "https://bot:pa55@hooks.example.org/in/abc?token=t0k3n#frag", null)),
                "high", true, true, Instant.parse("2026-11-25T10:00:00Z"));
        JsonNode masked = AuditMasking.masked(rule);
        assertThat(masked.at("/actions/0/to").asText()).isEqualTo("o***@example.org");
        assertThat(masked.at("/actions/1/url").asText()).isEqualTo("https://hooks.example.org/in/abc");
        assertThat(masked.toString()).doesNotContain("pa55", "t0k3n", "ops.team");
    }

    @Test
    void a_nul_character_which_jsonb_cannot_store_is_replaced() throws Exception {
        JsonNode stored = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"name\": \"pump\\u0000.csv\", \"files\": [{\"name\": \"a\\u0000\"}]}");
        JsonNode masked = AuditMasking.masked(stored);
        assertThat(masked.toString()).doesNotContain("\\u0000").contains("pump\uFFFD.csv");
        assertThat(masked.at("/files/0/name").asText()).isEqualTo("a\uFFFD");
    }

    @Test
    void every_aggregate_of_the_command_side_has_a_history_resource() throws ClassNotFoundException {
        List<Class<?>> aggregates = scan("com.dinsight.command", AggregateRoot.class); // @Aggregate included
        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(8);
        List<String> known = Arrays.stream(AuditResource.values()).map(AuditResource::aggregateType).toList();
        assertThat(aggregates.stream().map(Class::getSimpleName).distinct().toList())
                .as("aggregates; add new ones to AuditResource").allMatch(known::contains);
    }

    private static Object sample(Type type, String name) throws Exception {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return List.of(sample(arguments[0], name));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of(sample(arguments[0], name + "Field"), sample(arguments[1], name));
            }
            throw new IllegalStateException("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == Object.class) {
            // a secret-looking, personal-looking text: whatever the field, no part may survive masking where it matters
            if (AuditMasking.isPersonName(name)) {
                return PERSON;
            }
            return SECRET_NAME.matcher(name).matches() && !NOT_SECRET.contains(name) ? "s3cr3t-" + name
                    : "contact " + EMAIL + " about " + name;
        }
        if (c == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes());
        }
        if (c == Instant.class) {
            return Instant.parse("2026-11-25T10:00:00Z");
        }
        if (c == int.class || c == Integer.class) {
            return 1;
        }
        if (c == long.class || c == Long.class) {
            return 1L;
        }
        if (c == byte.class || c == Byte.class) {
            return (byte) 1;
        }
        if (c == double.class || c == Double.class) {
            return 1.5;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c.isArray()) {
            Object array = Array.newInstance(c.getComponentType(), 1);
            Array.set(array, 0, sample(c.getComponentType(), name));
            return array;
        }
        if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getGenericType(), components[i].getName());
                types[i] = components[i].getType();
            }
            Constructor<?> canonical = c.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        }
        throw new IllegalStateException("no sample for " + c + " (" + name + ")");
    }
}
