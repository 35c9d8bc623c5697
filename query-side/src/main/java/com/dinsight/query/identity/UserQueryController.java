package com.dinsight.query.identity;

import com.dinsight.api.Caller;
import com.dinsight.api.error.NotFoundException;
import com.dinsight.api.identity.FetchSessions;
import com.dinsight.api.identity.FetchUser;
import com.dinsight.api.identity.FetchUsers;
import com.dinsight.api.identity.SessionList;
import com.dinsight.api.identity.UserPage;
import com.dinsight.api.identity.UserView;
import com.dinsight.query.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class UserQueryController {

    private final QueryGateway queries;

    UserQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/users/profile")
    @Operation(summary = "The caller's profile")
    UserView profile(@AuthenticationPrincipal Caller caller) {
        Optional<UserView> user = queries.query(new FetchUser(caller.userId()),
                ResponseTypes.optionalInstanceOf(UserView.class)).join();
        return user.orElseThrow(() -> new NotFoundException("No profile for this user yet"));
    }

    @GetMapping("/api/v1/users/sessions")
    @Operation(summary = "The caller's live sessions")
    SessionList sessions(@AuthenticationPrincipal Caller caller) {
        return queries.query(new FetchSessions(caller.userId()), SessionList.class).join();
    }

    @GetMapping("/api/v1/admin/users")
    @Operation(summary = "All users, newest first (admin)")
    UserPage users(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return queries.query(new FetchUsers(request.page(), request.size()), UserPage.class).join();
    }
}
