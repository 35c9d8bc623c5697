package com.dinsight.app.security;

import com.dinsight.api.error.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters, as the same problem+json as every other error. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(json, response, 401, ErrorCode.UNAUTHORIZED, "Unauthorized",
                    "A valid access token is required: " + exception.getMessage(), request.getRequestURI());
        };
    }

    static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, exception) -> write(json, response, 403, ErrorCode.FORBIDDEN, "Forbidden",
                "Your role does not allow this", request.getRequestURI());
    }

    private static void write(ObjectMapper json, HttpServletResponse response, int status, ErrorCode code,
                              String title, String detail, String instance) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", instance);
        problem.put("code", code.name());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
