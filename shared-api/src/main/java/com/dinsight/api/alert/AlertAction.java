package com.dinsight.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happens when a rule raises an alert: {@code webhook} (an HTTP POST to {@code url}, signed
 * with the rule's secret, which never travels in an event) or {@code email} (a mail to {@code to}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertAction(String type, String url, String to) {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";
}
