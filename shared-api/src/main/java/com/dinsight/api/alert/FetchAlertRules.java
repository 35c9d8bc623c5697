package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;

/** The rules of the caller's datasets (all for admins), optionally of one dataset, newest first. */
public record FetchAlertRules(Caller caller, UUID datasetId, int page, int size) {
}
