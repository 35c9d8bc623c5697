package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;

public record FetchAlertRule(Caller caller, UUID ruleId) {
}
