package com.dinsight.api.alert;

import com.dinsight.api.Caller;

/**
 * The caller's open alerts (active or acknowledged), oldest first, at most 500, as a list of
 * {@link AlertView}: what {@code GET /alerts/stream} sends before the changes that follow.
 */
public record StreamAlerts(Caller caller) {
}
