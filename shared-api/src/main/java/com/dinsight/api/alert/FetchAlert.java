package com.dinsight.api.alert;

import com.dinsight.api.Caller;
import java.util.UUID;

public record FetchAlert(Caller caller, UUID alertId) {
}
