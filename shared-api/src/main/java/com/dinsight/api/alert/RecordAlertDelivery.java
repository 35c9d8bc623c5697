package com.dinsight.api.alert;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The outcome of one attempt to carry out one of the rule's actions for this alert. */
public record RecordAlertDelivery(@TargetAggregateIdentifier UUID alertId, int action, String type, String target,
                                  int attempt, String outcome, Integer statusCode, String error) {

    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String FAILED = "failed";
}
