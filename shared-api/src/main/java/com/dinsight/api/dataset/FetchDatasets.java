package com.dinsight.api.dataset;

import com.dinsight.api.Caller;

/** The datasets the caller may see (their own; all for admins), newest first. */
public record FetchDatasets(Caller caller, int page, int size) {
}
