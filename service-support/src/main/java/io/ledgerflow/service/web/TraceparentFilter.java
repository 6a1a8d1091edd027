package io.ledgerflow.service.web;

import io.ledgerflow.eventlog.EventContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Carries the request's W3C traceparent into the events the request raises. */
public class TraceparentFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        EventContext.setTraceparent(request.getHeader("traceparent"));
        try {
            chain.doFilter(request, response);
        } finally {
            EventContext.setTraceparent(null);
        }
    }
}
