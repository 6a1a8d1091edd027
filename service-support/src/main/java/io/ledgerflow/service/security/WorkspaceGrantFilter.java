package io.ledgerflow.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Another tenant's workspace is invisible: a request with a valid token for {@code /api/{service}/workspaces/{ws}/...}
 * whose token does not grant {@code ws} is answered 404, whatever exists there, so existence does not leak. The path is
 * decoded first, as Spring MVC decodes it to bind {@code {workspace}}.
 */
final class WorkspaceGrantFilter extends OncePerRequestFilter {

    private final String claim;
    private final SecurityProblems problems;

    WorkspaceGrantFilter(String claim, SecurityProblems problems) {
        this.claim = claim;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            String workspace = TokenRules.workspaceOf(decoded(request));
            if (workspace != null && !TokenRules.grants(token.getToken(), claim, workspace)) {
                problems.notGranted(request, response, workspace);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String decoded(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            return UriUtils.decode(path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path; // not valid percent-encoding: its workspace segment, if any, is granted by no token
        }
    }
}
