package com.dinsight.command.alert;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.alert.AlertRaised;
import com.dinsight.api.alert.MatchedPoint;
import com.dinsight.api.alert.RecordAlertDelivery;
import com.dinsight.command.alert.AlertRuleLookup.Rule;
import com.dinsight.command.identity.mail.Mailer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries out a raised alert's actions, in a processor of its own ({@value #PROCESSING_GROUP}), so a
 * slow webhook never holds up the command path or the read model. The handler only records the
 * work in {@code alerting.deliveries} (one row per alert and action, so a redelivered AlertRaised
 * sends once) and starts the first attempt once its batch commits; attempts run on a small pool and
 * retry with exponential backoff (initial delay doubling, up to {@code max-attempts}). Each
 * attempt's outcome is a command, RecordAlertDelivery, whose event shows it on the alert. A webhook
 * is an HTTP POST of the alert as JSON with the header
 * {@code X-DInsight-Signature: sha256=<hex HMAC-SHA256 of the body under the rule's secret>}.
 *
 * <p>Retries are durable (decision 40): the row keeps the attempts made and when the next is due;
 * every node polls for due rows and claims them for a lease before sending, so a retry pending on a
 * node that stops is sent by another (or by the same one when it is back).
 */
@Component
@ProcessingGroup(AlertDelivery.PROCESSING_GROUP)
class AlertDelivery {

    static final String PROCESSING_GROUP = "alert-delivery";
    static final String SIGNATURE_HEADER = "X-DInsight-Signature";
    /** How often each node looks for due deliveries, its own and those of nodes that stopped. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandGateway commands;
    private final AlertRuleLookup rules;
    private final RuleSecrets secrets;
    private final Mailer mailer;
    private final WebhookTargets webhooks;
    private final JdbcClient jdbc;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration timeout;
    private final Duration lease;
    private final HttpClient http;
    private final ScheduledExecutorService pool;

    AlertDelivery(CommandGateway commands, AlertRuleLookup rules, RuleSecrets secrets, Mailer mailer, JdbcClient jdbc,
                  WebhookTargets webhooks,
                  @Value("${dinsight.alerts.delivery.max-attempts:5}") int maxAttempts,
                  @Value("${dinsight.alerts.delivery.initial-backoff:1s}") Duration initialBackoff,
                  @Value("${dinsight.alerts.delivery.timeout:10s}") Duration timeout,
                  @Value("${dinsight.alerts.delivery.threads:4}") int threads) {
        this.commands = commands;
        this.rules = rules;
        this.secrets = secrets;
        this.mailer = mailer;
        this.webhooks = webhooks;
        this.jdbc = jdbc;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
        // an attempt takes at most the connect and request timeouts; then its claim lapses
        this.lease = timeout.multipliedBy(2).plusSeconds(30);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.pool = Executors.newScheduledThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "alert-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @PostConstruct
    void startPolling() {
        pool.scheduleWithFixedDelay(this::sendDue, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @EventHandler
    @DisallowReplay
    void on(AlertRaised event) {
        Rule rule = rules.rule(event.ruleId()).orElse(null);
        if (rule == null) {
            return; // deleted meanwhile
        }
        byte[] body = body(event);
        String secret = secrets.get(rule.ruleId()).orElse(null);
        List<AlertAction> actions = rule.actions();
        List<Attempt> first = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            // claimed by this node for the first attempt; due at once should it stop before sending
            int inserted = jdbc.sql("""
                            INSERT INTO alerting.deliveries (alert_id, action, rule_id, body, attempts, due_at, claimed_until)
                            VALUES (?, ?, ?, ?, 0, now(), now() + make_interval(secs => ?)) ON CONFLICT DO NOTHING""")
                    .params(event.alertId(), i, rule.ruleId(), body, lease.toSeconds()).update();
            if (inserted == 1) {
                first.add(new Attempt(event.alertId(), i, actions.get(i), body, secret, 1));
            }
        }
        Runnable start = () -> first.forEach(attempt -> pool.execute(() -> run(attempt)));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> start.run());
        } else {
            start.run();
        }
    }

    /** Claims the due deliveries of every node (their lease expired or never taken) and sends them. */
    void sendDue() {
        try {
            List<Due> due = jdbc.sql("""
                            UPDATE alerting.deliveries d SET claimed_until = now() + make_interval(secs => ?)
                            FROM (SELECT alert_id, action FROM alerting.deliveries
                                  WHERE due_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                                  ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED) next
                            WHERE d.alert_id = next.alert_id AND d.action = next.action
                            RETURNING d.alert_id, d.action, d.rule_id, d.body, d.attempts""")
                    .param(lease.toSeconds())
                    .query((rs, row) -> new Due(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, UUID.class),
                            rs.getBytes(4), rs.getInt(5)))
                    .list();
            for (Due delivery : due) {
                Optional<AlertAction> action = rules.rule(delivery.ruleId())
                        .filter(rule -> delivery.action() < rule.actions().size())
                        .map(rule -> rule.actions().get(delivery.action()));
                if (action.isEmpty()) {
                    settle(delivery.alertId(), delivery.action(), delivery.attempts(), null); // the rule or action is gone
                    continue;
                }
                Attempt attempt = new Attempt(delivery.alertId(), delivery.action(), action.get(), delivery.body(),
                        secrets.get(delivery.ruleId()).orElse(null), delivery.attempts() + 1);
                pool.execute(() -> run(attempt));
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for due alert deliveries", e);
        }
    }

    private record Due(UUID alertId, int action, UUID ruleId, byte[] body, int attempts) {
    }

    private record Attempt(UUID alertId, int index, AlertAction action, byte[] body, String secret, int number) {
    }

    /** {@code permanent}: trying again cannot help (a refused target), so this attempt is the last. */
    private record Outcome(boolean delivered, Integer status, String error, boolean permanent) {
        Outcome(boolean delivered, Integer status, String error) {
            this(delivered, status, error, false);
        }
    }

    private void run(Attempt attempt) {
        Outcome outcome;
        try {
            outcome = AlertAction.WEBHOOK.equals(attempt.action().type()) ? post(attempt) : mail(attempt);
        } catch (RuntimeException e) {
            outcome = new Outcome(false, null, String.valueOf(e.getMessage()));
        }
        boolean last = attempt.number() >= maxAttempts || outcome.permanent();
        String result = outcome.delivered() ? RecordAlertDelivery.DELIVERED
                : last ? RecordAlertDelivery.FAILED : RecordAlertDelivery.RETRYING;
        RecordAlertDelivery record = new RecordAlertDelivery(attempt.alertId(), attempt.index(),
                attempt.action().type(), target(attempt.action()), attempt.number(), result, outcome.status(),
                outcome.error());
        for (int tries = 1; ; tries++) {
            try {
                commands.sendAndWait(record);
                break;
            } catch (RuntimeException e) {
                if (tries < 5 && concurrent(e)) {
                    continue; // another command changed the alert at the same moment: try again on its new state
                }
                log.warn("Could not record delivery attempt {} of alert {}", attempt.number(), attempt.alertId(), e);
                break;
            }
        }
        if (RecordAlertDelivery.RETRYING.equals(result)) {
            long delay = initialBackoff.toMillis() << Math.min(attempt.number() - 1, 20);
            settle(attempt.alertId(), attempt.index(), attempt.number(), delay / 1000.0);
            if (delay < POLL.toMillis()) {
                pool.schedule(this::sendDue, delay, TimeUnit.MILLISECONDS);
            }
            return;
        }
        settle(attempt.alertId(), attempt.index(), attempt.number(), null);
        if (RecordAlertDelivery.FAILED.equals(result)) {
            log.warn("Alert {}: action {} ({}) failed after {} attempts: {}", attempt.alertId(), attempt.index(),
                    attempt.action().type(), attempt.number(), outcome.error());
        }
    }

    /**
     * Records the attempts made and releases the claim: the next attempt is due in
     * {@code nextInSeconds}, or never when it is null (delivered, failed for good, or nothing left to send).
     */
    private void settle(UUID alertId, int action, int attempts, Double nextInSeconds) {
        jdbc.sql("""
                        UPDATE alerting.deliveries SET attempts = ?, claimed_until = NULL,
                            due_at = now() + make_interval(secs => ?) WHERE alert_id = ? AND action = ?""")
                .params(attempts, nextInSeconds, alertId, action).update();
    }

    private static boolean concurrent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.axonframework.modelling.command.ConcurrencyException
                    || t instanceof org.axonframework.eventsourcing.eventstore.EventStoreException) {
                return true;
            }
        }
        return false;
    }

    private Outcome post(Attempt attempt) {
        URI url = URI.create(attempt.action().url());
        Optional<String> refusal = webhooks.refusal(url);
        if (refusal.isPresent()) {
            return new Outcome(false, null, refusal.get(), true);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "DInsight-Alerts/1")
                .header("X-DInsight-Event", "alert.raised")
                .header("X-DInsight-Delivery", attempt.alertId() + "/" + attempt.index() + "/" + attempt.number())
                .POST(HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        if (attempt.secret() != null) {
            request.header(SIGNATURE_HEADER, "sha256=" + sign(attempt.secret(), attempt.body()));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2 ? new Outcome(true, status, null) : new Outcome(false, status, "HTTP " + status);
        } catch (java.io.IOException e) {
            return new Outcome(false, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted");
        }
    }

    private Outcome mail(Attempt attempt) {
        JsonNode a;
        try {
            a = JSON.readTree(attempt.body()).get("alert");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable alert body of " + attempt.alertId(), e);
        }
        mailer.send(attempt.action().to(), "[DInsight] " + a.path("severity").asText() + " alert: "
                + a.path("rule_name").asText(), """
                The rule "%s" raised an alert on dataset %s.

                Alert:          %s
                Severity:       %s (worst point severity: %s)
                Matching points: %d, first seen %s, last seen %s
                First anomaly:  %s

                Acknowledge it:
                curl -X POST <server>/api/v1/alerts/%s/acknowledge -H 'Authorization: Bearer ...' \\
                     -H 'Content-Type: application/json' -d '{"message": "..."}'
                """.formatted(a.path("rule_name").asText(), a.path("dataset_id").asText(), attempt.alertId(),
                a.path("severity").asText(), a.path("worst_severity").asText(), a.path("count").asInt(),
                a.path("first_seen").asText(), a.path("last_seen").asText(), a.path("anomaly_id").asText(null),
                attempt.alertId()));
        return new Outcome(true, null, null);
    }

    /** Lower-case hex of HMAC-SHA256(secret, body). */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Where an attempt went, as recorded on the alert: a URL without its query, an email address masked. */
    static String target(AlertAction action) {
        if (AlertAction.WEBHOOK.equals(action.type())) {
            URI uri = URI.create(action.url());
            return uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
        }
        String to = action.to();
        int at = to.indexOf('@');
        return (at <= 1 ? "*" : to.charAt(0) + "***") + to.substring(Math.max(at, 0));
    }

    /** The alert as JSON (snake_case, as the API spells it). */
    static byte[] body(AlertRaised a) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", a.alertId().toString());
        alert.put("alert_rule_id", a.ruleId().toString());
        alert.put("rule_name", a.ruleName());
        alert.put("dataset_id", a.datasetId().toString());
        alert.put("anomaly_id", a.anomalyId() == null ? null : a.anomalyId().toString());
        alert.put("status", "active");
        alert.put("severity", a.severity());
        alert.put("worst_severity", a.worstSeverity());
        alert.put("count", a.count());
        alert.put("first_seen", a.firstSeen().toString());
        alert.put("last_seen", a.lastSeen().toString());
        alert.put("raised_at", a.raisedAt().toString());
        alert.put("matched_points", a.points().stream().map(MatchedPoint::asMap).toList());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event", "alert.raised");
        envelope.put("alert", alert);
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
