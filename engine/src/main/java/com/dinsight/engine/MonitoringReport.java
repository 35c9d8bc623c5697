package com.dinsight.engine;

import java.util.List;

/** Monitoring rows placed and scored, in input order, and their comparison summary. */
public record MonitoringReport(List<RowScore> rows, ComparisonSummary summary) {
}
