package com.dinsight.command.identity;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request comes from, for rate limits (behind a proxy, set server.forward-headers-strategy). */
final class ClientInfo {

    private ClientInfo() {
    }

    static String address(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
