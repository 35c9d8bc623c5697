package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;

/** Alerts of the caller's datasets, newest first, optionally of one status and/or dataset. */
public record FetchAlerts(Caller caller, String status, UUID datasetId, int page, int size) {
}
