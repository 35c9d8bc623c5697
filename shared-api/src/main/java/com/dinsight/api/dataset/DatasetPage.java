package com.dinsight.api.dataset;

import java.util.List;

public record DatasetPage(List<DatasetView> items, int page, int size, long total) {
}
