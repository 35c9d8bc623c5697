package com.dinsight.app.deadletter;

import com.dinsight.query.web.PageRequest;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Parked events of the projection processors; super_admin only (SecurityConfiguration). */
@RestController
class DeadLetterController {

    static final int DEFAULT_RETRY_LIMIT = 10;
    static final int MAX_RETRY_LIMIT = 1000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/admin/dead-letters")
    DeadLetterView.Page list(@RequestParam(required = false) String processor,
                             @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return deadLetters.list(processor, request.page(), request.size());
    }

    /** Retries the oldest parked sequences ({@code limit}, default 10) or the one {@code sequence_id} names. */
    @PostMapping("/api/v1/admin/dead-letters/{processor}/retry")
    DeadLetterView.RetryOutcome retry(@PathVariable String processor,
                                      @RequestParam(name = "sequence_id", required = false) String sequenceId,
                                      @RequestParam(required = false) Integer limit) {
        int max = limit == null ? DEFAULT_RETRY_LIMIT : limit;
        if (max < 1 || max > MAX_RETRY_LIMIT) {
            throw ApiException.invalid(List.of(new FieldError("limit", "must be between 1 and " + MAX_RETRY_LIMIT)));
        }
        return deadLetters.retry(processor, sequenceId, max);
    }

    @DeleteMapping("/api/v1/admin/dead-letters/{processor}/{sequenceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void evict(@PathVariable String processor, @PathVariable String sequenceId) {
        deadLetters.evict(processor, sequenceId);
    }
}
