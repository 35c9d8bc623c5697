package com.dinsight.api.alert;

import java.util.List;

public record AlertRulePage(List<AlertRuleView> items, int page, int size, long total) {
}
