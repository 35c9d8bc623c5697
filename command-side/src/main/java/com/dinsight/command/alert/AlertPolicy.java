package com.dinsight.command.alert;

import com.dinsight.api.alert.AlertCondition;
import com.dinsight.api.alert.MatchedPoint;
import com.dinsight.api.alert.RaiseAlert;
import com.dinsight.api.alert.UpdateAlert;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.MonitoringRecorded;
import com.dinsight.command.alert.AlertRuleLookup.Rule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Raises alerts from monitoring points that match active rules of their dataset. One processor
 * ({@value #PROCESSING_GROUP}) with one segment, so the points of one dataset are judged in the
 * store's order. For each rule, the matching points of a batch become one command: UpdateAlert
 * when the rule has an open alert (no alert storms), RaiseAlert otherwise.
 *
 * <p>Idempotent: the alert's id derives from the rule and the first matching point, the alert
 * ignores points it already counted, and anomaly-rate windows remember the last process order per
 * baseline. Commands go out on a thread of their own, so each commits at once and the next batch
 * sees the open alert in {@code alerting.rules}.
 */
@Component
@ProcessingGroup(AlertPolicy.PROCESSING_GROUP)
class AlertPolicy {

    static final String PROCESSING_GROUP = "alert-policy";
    private static final Logger log = LoggerFactory.getLogger(AlertPolicy.class);
    private static final String ACTIVE_RULES = AlertPolicy.class.getName() + ".activeRules";

    private final CommandGateway commands;
    private final AlertRuleLookup rules;
    private final JdbcClient jdbc;
    private final Cache<String, UUID> datasetOfBaseline = Caffeine.newBuilder().maximumSize(100_000).build();
    private final ExecutorService commandThread = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "alert-policy-commands");
        thread.setDaemon(true);
        return thread;
    });

    AlertPolicy(CommandGateway commands, AlertRuleLookup rules, JdbcClient jdbc) {
        this.commands = commands;
        this.rules = rules;
        this.jdbc = jdbc;
    }

    /**
     * Takes the message, not the payload: most datasets have no active rule, and for those the
     * event (a post's points and packed rows) is never deserialized. The baseline is the event's
     * aggregate; its dataset, which never changes, is learnt from its first event.
     */
    @EventHandler(payloadType = MonitoringRecorded.class)
    @DisallowReplay
    void on(EventMessage<MonitoringRecorded> message) {
        UUID datasetId = message instanceof DomainEventMessage<?> domain
                ? datasetOfBaseline.get(domain.getAggregateIdentifier(), id -> message.getPayload().datasetId())
                : message.getPayload().datasetId();
        List<Rule> active = activeRules(datasetId);
        if (active.isEmpty()) {
            return;
        }
        MonitoringRecorded event = message.getPayload();
        List<MonitoringPoint> points = event.points().stream()
                .sorted(Comparator.comparingInt(MonitoringPoint::processOrder)).toList();
        for (Rule rule : active) {
            List<MatchedPoint> matched = matches(rule, event.dinsightId(), points);
            if (!matched.isEmpty()) {
                alert(rule, matched);
            }
        }
    }

    /**
     * A dataset's active rules, read once per processor batch: read per event, they were a query
     * for every monitoring post. The events of a batch were all stored before it began, so a rule
     * made before a post was stored is still seen by the batch that judges the post.
     */
    private List<Rule> activeRules(UUID datasetId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return rules.activeRules(datasetId);
        }
        Map<UUID, List<Rule>> read = CurrentUnitOfWork.get().root().getOrComputeResource(ACTIVE_RULES, key -> new HashMap<>());
        return read.computeIfAbsent(datasetId, rules::activeRules);
    }

    private List<MatchedPoint> matches(Rule rule, UUID dinsightId, List<MonitoringPoint> points) {
        AlertCondition condition = rule.condition();
        List<MatchedPoint> matched = new ArrayList<>();
        if (AlertCondition.ANOMALY_RATE.equals(condition.metric())) {
            RateWindow window = new RateWindow(condition.window(), loadWindow(rule.ruleId()));
            double threshold = ((Number) condition.value()).doubleValue();
            for (MonitoringPoint p : points) {
                if (window.add(dinsightId, p.processOrder(), p.timestamp(), p.anomalous())
                        && window.rate().stream().anyMatch(rate -> compare(condition.operator(), rate, threshold))) {
                    matched.add(matchedPoint(dinsightId, p));
                }
            }
            saveWindow(rule.ruleId(), window.state());
            return matched;
        }
        for (MonitoringPoint p : points) {
            if (matches(condition, p)) {
                matched.add(matchedPoint(dinsightId, p));
            }
        }
        return matched;
    }

    static boolean matches(AlertCondition condition, MonitoringPoint p) {
        return switch (condition.metric()) {
            case AlertCondition.MAHALANOBIS_DISTANCE -> compare(condition.operator(), p.mahalanobisDistance(),
                    ((Number) condition.value()).doubleValue());
            case AlertCondition.SEVERITY -> p.anomalous()
                    && AlertCondition.rank(p.severity()) >= AlertCondition.rank((String) condition.value());
            default -> false;
        };
    }

    static boolean compare(String operator, double actual, double value) {
        return switch (operator) {
            case "greater_than" -> actual > value;
            case "greater_than_or_equal" -> actual >= value;
            case "less_than" -> actual < value;
            case "less_than_or_equal" -> actual <= value;
            default -> false;
        };
    }

    private static MatchedPoint matchedPoint(UUID dinsightId, MonitoringPoint p) {
        return new MatchedPoint(p.monitorId(), dinsightId, p.processOrder(), p.timestamp(), p.mahalanobisDistance(),
                p.anomalous(), p.anomalous() ? p.severity() : null, p.anomalyId());
    }

    private void alert(Rule rule, List<MatchedPoint> matched) {
        UUID open = rules.rule(rule.ruleId()).map(Rule::openAlertId).orElse(null);
        if (open != null && Boolean.TRUE.equals(send(new UpdateAlert(open, matched)))) {
            return;
        }
        UUID alertId = UUID.nameUUIDFromBytes(("alert:" + rule.ruleId() + ":" + matched.get(0).monitorId())
                .getBytes(StandardCharsets.UTF_8));
        try {
            send(new RaiseAlert(alertId, rule.ruleId(), rule.datasetId(), rule.ownerId(), rule.name(), rule.severity(),
                    matched));
        } catch (RuntimeException e) {
            if (!alreadyExists(e)) {
                throw e;
            }
            log.info("Alert {} of rule {} was raised before (points delivered again)", alertId, rule.ruleId());
        }
    }

    private static boolean alreadyExists(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private RateWindow.State loadWindow(UUID ruleId) {
        return jdbc.sql("SELECT state FROM alerting.rule_windows WHERE rule_id = ? FOR UPDATE").param(ruleId)
                .query(String.class).optional().map(json -> {
                    try {
                        return AlertRuleLookup.JSON.readValue(json, RateWindow.State.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Unreadable window of rule " + ruleId, e);
                    }
                }).orElse(null);
    }

    private void saveWindow(UUID ruleId, RateWindow.State state) {
        jdbc.sql("""
                        INSERT INTO alerting.rule_windows (rule_id, state) VALUES (?, ?::jsonb)
                        ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, updated_at = now()""")
                .params(ruleId, AlertRuleLookup.json(state)).update();
    }

    /** Sends outside the current unit of work, so the command's events commit now. */
    private Object send(Object command) {
        try {
            return CompletableFuture.supplyAsync(() -> commands.sendAndWait(command), commandThread).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
