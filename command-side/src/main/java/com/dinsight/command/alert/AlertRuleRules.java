package com.dinsight.command.alert;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.AlertWindow;
import com.dinsight.api.error.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a rule's fields may hold; each broken rule names its field (snake_case, as the API spells it). */
final class AlertRuleRules {

    static final Set<String> NUMERIC_OPERATORS = Set.of("greater_than", "greater_than_or_equal", "less_than",
            "less_than_or_equal");
    static final int MAX_ACTIONS = 10;
    static final int MAX_WINDOW_POINTS = 10_000;
    static final int MAX_WINDOW_MINUTES = 1_440;
    static final int MAX_MESSAGE = 2_000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private AlertRuleRules() {
    }

    static List<FieldError> violations(boolean creating, UUID datasetId, String name, AlertCondition condition,
                                       List<AlertAction> actions, String severity, String secret) {
        List<FieldError> errors = new ArrayList<>();
        if (creating && datasetId == null) {
            errors.add(new FieldError("dataset_id", "is required"));
        }
        if (name == null ? creating : name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name != null && name.trim().length() > 255) {
            errors.add(new FieldError("name", "must be at most 255 characters"));
        }
        if (condition == null) {
            if (creating) {
                errors.add(new FieldError("condition", "is required"));
            }
        } else {
            condition(condition, errors);
        }
        if (actions != null) {
            if (actions.size() > MAX_ACTIONS) {
                errors.add(new FieldError("actions", "must hold at most " + MAX_ACTIONS + " actions"));
            }
            for (int i = 0; i < actions.size(); i++) {
                action("actions[" + i + "]", actions.get(i), errors);
            }
        }
        if (severity != null && !AlertCondition.SEVERITIES.contains(severity)) {
            errors.add(new FieldError("severity", "must be one of low, medium, high, critical"));
        }
        if (secret != null && (secret.length() < 16 || secret.length() > 255)) {
            errors.add(new FieldError("actions.secret", "must be 16 to 255 characters"));
        }
        return errors;
    }

    private static void condition(AlertCondition c, List<FieldError> errors) {
        String metric = c.metric();
        if (metric == null) {
            errors.add(new FieldError("condition.metric", "is required"));
            return;
        }
        switch (metric) {
            case AlertCondition.MAHALANOBIS_DISTANCE -> {
                numericOperator(c, errors);
                if (!(c.value() instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                    errors.add(new FieldError("condition.value", "must be a number of 0 or more"));
                }
                noWindow(c, errors);
            }
            case AlertCondition.ANOMALY_RATE -> {
                numericOperator(c, errors);
                if (!(c.value() instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                    errors.add(new FieldError("condition.value", "must be a fraction from 0 to 1"));
                }
                AlertWindow w = c.window();
                if (w == null || (w.points() == null) == (w.minutes() == null)) {
                    errors.add(new FieldError("condition.window", "must be {points: N} or {minutes: T}"));
                } else if (w.points() != null && (w.points() < 1 || w.points() > MAX_WINDOW_POINTS)) {
                    errors.add(new FieldError("condition.window.points", "must be 1 to " + MAX_WINDOW_POINTS));
                } else if (w.minutes() != null && (w.minutes() < 1 || w.minutes() > MAX_WINDOW_MINUTES)) {
                    errors.add(new FieldError("condition.window.minutes", "must be 1 to " + MAX_WINDOW_MINUTES));
                }
            }
            case AlertCondition.SEVERITY -> {
                if (!"at_least".equals(c.operator())) {
                    errors.add(new FieldError("condition.operator", "must be at_least for metric severity"));
                }
                if (!(c.value() instanceof String s) || !AlertCondition.SEVERITIES.contains(s)) {
                    errors.add(new FieldError("condition.value", "must be one of low, medium, high, critical"));
                }
                noWindow(c, errors);
            }
            default -> errors.add(new FieldError("condition.metric",
                    "must be one of mahalanobis_distance, anomaly_rate, severity"));
        }
    }

    private static void numericOperator(AlertCondition c, List<FieldError> errors) {
        if (c.operator() == null || !NUMERIC_OPERATORS.contains(c.operator())) {
            errors.add(new FieldError("condition.operator",
                    "must be one of greater_than, greater_than_or_equal, less_than, less_than_or_equal"));
        }
    }

    private static void noWindow(AlertCondition c, List<FieldError> errors) {
        if (c.window() != null) {
            errors.add(new FieldError("condition.window", "applies only to metric anomaly_rate"));
        }
    }

    private static void action(String field, AlertAction action, List<FieldError> errors) {
        if (action == null || action.type() == null) {
            errors.add(new FieldError(field + ".type", "must be webhook or email"));
            return;
        }
        switch (action.type()) {
            case AlertAction.WEBHOOK -> {
                if (!isHttpUrl(action.url())) {
                    errors.add(new FieldError(field + ".url", "must be an absolute http or https URL of at most 2048 characters"));
                }
                if (action.to() != null) {
                    errors.add(new FieldError(field + ".to", "applies only to email actions"));
                }
            }
            case AlertAction.EMAIL -> {
                if (action.to() == null || action.to().length() > 255 || !EMAIL.matcher(action.to()).matches()) {
                    errors.add(new FieldError(field + ".to", "must be an email address"));
                }
                if (action.url() != null) {
                    errors.add(new FieldError(field + ".url", "applies only to webhook actions"));
                }
            }
            default -> errors.add(new FieldError(field + ".type", "must be webhook or email"));
        }
    }

    static boolean isHttpUrl(String url) {
        if (url == null || url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean hasWebhook(List<AlertAction> actions) {
        return actions != null && actions.stream().anyMatch(a -> a != null && AlertAction.WEBHOOK.equals(a.type()));
    }

    /** Numbers become doubles, so a stored condition compares the same whatever JSON type it arrived in. */
    static AlertCondition canonical(AlertCondition c) {
        if (c == null) {
            return null;
        }
        Object value = c.value() instanceof Number n ? (Object) n.doubleValue() : c.value();
        return new AlertCondition(c.metric(), c.operator(), value, c.window());
    }

    static String message(String message, List<FieldError> errors) {
        if (message != null && message.length() > MAX_MESSAGE) {
            errors.add(new FieldError("message", "must be at most " + MAX_MESSAGE + " characters"));
        }
        return message == null || message.isBlank() ? null : message.trim();
    }
}
