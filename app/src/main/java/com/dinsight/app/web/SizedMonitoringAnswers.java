package com.dinsight.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The answer to a monitoring post is sent with its length, in one write. Spring's JSON converter
 * flushes what it wrote, which commits the response without a length: the answer went out chunked,
 * in two socket writes (the headers with the body, then the last chunk), and a single-row post is
 * small and frequent enough for that second write to show in a profile. Here the answer is kept
 * until the handler is done (one monitoring post's points: about 200 bytes a row) and sent with a
 * {@code Content-Length}. Only posts: the stream under the same path must never be held back.
 */
@Configuration(proxyBeanMethods = false)
class SizedMonitoringAnswers {

    /** Registered for request dispatches only (a plain filter's default), so it never wraps twice. */
    @Bean
    FilterRegistrationBean<SizedAnswerFilter> sizedMonitoringAnswersFilter() {
        FilterRegistrationBean<SizedAnswerFilter> registration = new FilterRegistrationBean<>(new SizedAnswerFilter());
        registration.addUrlPatterns("/api/v1/monitor/*");
        return registration;
    }

    static final class SizedAnswerFilter extends HttpFilter {

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!"POST".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            ContentCachingResponseWrapper sized = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(request, sized);
            } finally {
                sized.copyBodyToResponse();
            }
        }
    }
}
