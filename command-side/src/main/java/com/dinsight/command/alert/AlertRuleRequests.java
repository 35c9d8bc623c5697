package com.dinsight.command.alert;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.AlertWindow;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule's {@code condition} and {@code actions} from JSON into messages, naming each field of
 * the wrong shape; what the values may be is the aggregate's to judge ({@link AlertRuleRules}).
 */
final class AlertRuleRequests {

    private static final Set<String> CONDITION_FIELDS = Set.of("metric", "operator", "value", "window");
    private static final Set<String> WINDOW_FIELDS = Set.of("points", "minutes");
    private static final Set<String> ACTION_FIELDS = Set.of("type", "url", "to", "secret");

    record Parsed(AlertCondition condition, List<AlertAction> actions, String secret) {
    }

    private AlertRuleRequests() {
    }

    static Parsed parse(JsonNode condition, JsonNode actions) {
        List<FieldError> errors = new ArrayList<>();
        AlertCondition parsedCondition = condition == null || condition.isNull() ? null : condition(condition, errors);
        List<AlertAction> parsedActions = null;
        String secret = null;
        if (actions != null && !actions.isNull()) {
            if (!actions.isArray()) {
                errors.add(new FieldError("actions", "must be a list of actions"));
            } else {
                parsedActions = new ArrayList<>();
                for (int i = 0; i < actions.size(); i++) {
                    String field = "actions[" + i + "]";
                    JsonNode a = actions.get(i);
                    if (!a.isObject()) {
                        errors.add(new FieldError(field, "must be an object {type, url, secret} or {type, to}"));
                        continue;
                    }
                    unknown(a, ACTION_FIELDS, field, errors);
                    parsedActions.add(new AlertAction(text(a, "type", field, errors), text(a, "url", field, errors),
                            text(a, "to", field, errors)));
                    String actionSecret = text(a, "secret", field, errors);
                    if (actionSecret != null) {
                        if (secret != null && !secret.equals(actionSecret)) {
                            errors.add(new FieldError(field + ".secret", "must equal the other webhooks' secret: a rule has one secret"));
                        }
                        secret = actionSecret;
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Parsed(parsedCondition, parsedActions, secret);
    }

    private static AlertCondition condition(JsonNode c, List<FieldError> errors) {
        if (!c.isObject()) {
            errors.add(new FieldError("condition", "must be an object {metric, operator, value, window?}"));
            return null;
        }
        unknown(c, CONDITION_FIELDS, "condition", errors);
        Object value = null;
        JsonNode v = c.get("value");
        if (v != null && !v.isNull()) {
            if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isTextual()) {
                value = v.textValue();
            } else {
                errors.add(new FieldError("condition.value", "must be a number or a severity"));
            }
        }
        AlertWindow window = null;
        JsonNode w = c.get("window");
        if (w != null && !w.isNull()) {
            if (!w.isObject()) {
                errors.add(new FieldError("condition.window", "must be {points: N} or {minutes: T}"));
            } else {
                unknown(w, WINDOW_FIELDS, "condition.window", errors);
                window = new AlertWindow(integer(w, "points", "condition.window", errors),
                        integer(w, "minutes", "condition.window", errors));
            }
        }
        return new AlertCondition(text(c, "metric", "condition", errors), text(c, "operator", "condition", errors),
                value, window);
    }

    private static void unknown(JsonNode node, Set<String> known, String field, List<FieldError> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                errors.add(new FieldError(field + "." + name, "is not a field here; known fields are "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    private static String text(JsonNode node, String name, String field, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field + "." + name, "must be text"));
            return null;
        }
        return value.textValue();
    }

    private static Integer integer(JsonNode node, String name, String field, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            errors.add(new FieldError(field + "." + name, "must be a whole number"));
            return null;
        }
        return value.intValue();
    }
}
