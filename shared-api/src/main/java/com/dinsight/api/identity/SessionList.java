package com.dinsight.api.identity;

import java.util.List;

public record SessionList(List<SessionView> items) {
}
