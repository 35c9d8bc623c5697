package com.dinsight.api.analysis;

import com.dinsight.api.Caller;
import java.util.UUID;

/** Answers an Optional view if the caller may see it (owner or admin). */
public record FetchAnalysis(Caller caller, UUID analysisId) {
}
